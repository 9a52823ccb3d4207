import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret, safe to put in a URL or a header. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** High-entropy secrets (API keys, refresh tokens) are stored as SHA-256: argon2 is for passwords. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
