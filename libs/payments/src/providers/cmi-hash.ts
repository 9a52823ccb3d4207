import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * CMI's `ver3` HASH: the parameters sorted by name case-insensitively in natural order, `hash` and
 * `encoding` left out, each value trimmed with `\` and `|` escaped, joined with `|`, then `|` and the
 * escaped store key; SHA-512 of that, Base64 of the raw digest.
 */
export function cmiEscape(value: string): string {
  return value.trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** strnatcasecmp: digit runs compare as numbers, the rest by lower-cased code units. */
export function naturalCaseCompare(a: string, b: string): number {
  const chunks = (s: string) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const [x, y] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const d = BigInt(p) - BigInt(q);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

const LEFT_OUT = new Set(['hash', 'encoding']);

/** The plain text the HASH is taken over (exposed for tests and diagnostics). */
export function cmiHashPlaintext(fields: Record<string, string>, storeKey: string): string {
  const names = Object.keys(fields)
    .filter((n) => !LEFT_OUT.has(n.toLowerCase()))
    .sort(naturalCaseCompare);
  return [...names.map((n) => cmiEscape(fields[n] ?? '')), cmiEscape(storeKey)].join('|');
}

export function cmiHash(fields: Record<string, string>, storeKey: string): string {
  return createHash('sha512').update(cmiHashPlaintext(fields, storeKey), 'utf8').digest('base64');
}

/** Checks the HASH a callback carries, in constant time. */
export function cmiHashMatches(fields: Record<string, string>, storeKey: string): boolean {
  const given = Object.entries(fields).find(([n]) => n.toLowerCase() === 'hash')?.[1];
  if (!given) return false;
  const expected = Buffer.from(cmiHash(fields, storeKey));
  const actual = Buffer.from(given.trim());
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
