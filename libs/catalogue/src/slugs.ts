import { randomBytes } from 'node:crypto';
import type { SqlRunner } from '@souk/platform';

const LIGATURES: Record<string, string> = { æ: 'ae', œ: 'oe' };

/**
 * "Plat à tajine de Fès" → "plat-a-tajine-de-fes": lowercase ASCII, accents stripped, single hyphens.
 * Empty when nothing Latin is left (an Arabic-only text): callers choose the fallback.
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æœ]/gi, (c) => LIGATURES[c.toLowerCase()])
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug;
}

/** The base, then base-2 … base-9; a short random suffix when those are all taken. */
export function slugCandidates(base: string): string[] {
  return [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`)];
}

export const randomSlugSuffix = (base: string) => `${base}-${randomBytes(3).toString('hex')}`;

/**
 * The first free slug of `table` for `base`, in one indexed statement. A concurrent writer can still
 * take it first, so inserts use ON CONFLICT and fall back to a random suffix.
 */
export async function freeSlug(
  runner: SqlRunner,
  table: 'product' | 'category',
  base: string,
): Promise<string> {
  const row = await runner.one<{ slug: string }>(
    `SELECT c.slug FROM unnest($1::text[]) WITH ORDINALITY AS c(slug, n)
      WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.slug = c.slug)
      ORDER BY c.n LIMIT 1`,
    [slugCandidates(base)],
  );
  return row?.slug ?? randomSlugSuffix(base);
}

/** The PostgreSQL error code and constraint of a failed query, from pg directly or through TypeORM. */
export function pgError(err: unknown): { code?: string; constraint?: string; detail?: string } {
  const e = err as {
    code?: string;
    constraint?: string;
    detail?: string;
    driverError?: { code?: string; constraint?: string; detail?: string };
  };
  return e?.driverError ?? e ?? {};
}
