import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Souk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the scheme the
 * README documents for partners. Signing the timestamp with the body lets a receiver refuse replays.
 */
export const SIGNATURE_HEADER = 'souk-signature';

export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
}

/** What a partner runs on its side (the README shows the same in ten lines). */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  toleranceSeconds = 300,
  now = new Date(),
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds)
    return false;
  const expected = Buffer.from(hmac(secret, `${t}.${body}`), 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Each endpoint's secret, derived rather than stored: rotating bumps the version. */
export function endpointSecret(signingKey: string, endpointId: string, version: number): string {
  return `whsec_${createHmac('sha256', signingKey).update(`${endpointId}:${version}`).digest('base64url')}`;
}

const hmac = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message).digest('hex');
