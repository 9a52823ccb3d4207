/** Letters that do not come apart under NFD but still have a plain spelling. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };

const MAX_BASE = 50; // leaves room for a "-<n>" suffix under the 60 characters a slug may have
const FALLBACK = 'cooperative';

/**
 * A storefront slug made from a name: accents stripped ("Fès" → "fes"), lowercase, words joined
 * by dashes. Names with no Latin letters (Arabic only, say) fall back to "cooperative".
 */
export function slugFromName(name: string): string {
  const plain = name
    .toLowerCase()
    .replace(/[œæßøđł]/g, (c) => LIGATURES[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = plain.slice(0, MAX_BASE).replace(/-+$/, '');
  if (cut.length >= 3) return cut;
  return cut ? `${cut}-${FALLBACK}` : FALLBACK;
}

/** The first free slug among `base`, `base-2`, `base-3`… given the taken ones that look like them. */
export function nextFreeSlug(base: string, taken: readonly string[]): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  let highest = 1;
  for (const slug of taken) {
    const n = Number(slug.slice(base.length + 1));
    if (slug.startsWith(base + '-') && Number.isSafeInteger(n)) highest = Math.max(highest, n);
  }
  return `${base}-${highest + 1}`;
}
