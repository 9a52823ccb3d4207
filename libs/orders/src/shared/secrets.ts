import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A guest cart's bearer secret: 256 random bits, shown once, stored only as its SHA-256. */
export const newCartToken = (): string => 'ct_' + randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Whether `token` hashes to `hash`, compared in constant time. */
export function tokenMatches(token: string | undefined, hash: string | null): boolean {
  if (!token || !hash || token.length > 200) return false;
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** JSON with object keys sorted at every depth: the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An order's public reference, e.g. SK261123-7KQ2M9XD: short enough for every gateway (≤ 40). */
export function newOrderReference(on: Date = new Date()): string {
  const day = on.toISOString().slice(2, 10).replace(/-/g, '');
  const bytes = randomBytes(8);
  const tail = [...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
  return `SK${day}-${tail}`;
}
