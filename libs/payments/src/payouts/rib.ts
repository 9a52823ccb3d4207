/**
 * A Moroccan RIB: 24 digits (bank 3, city 3, account 16, key 2). The key makes the whole number
 * divisible by 97, the same check as the IBAN's (MAkk + RIB).
 */
export function normalizeRib(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

export function isValidRib(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const rib = normalizeRib(value);
  return /^\d{24}$/.test(rib) && BigInt(rib) % 97n === 0n;
}

/** The two check digits for the first 22 digits of a RIB (for fixtures and demo data). */
export function ribKey(first22: string): string {
  const key = 97n - ((BigInt(first22) * 100n) % 97n);
  return String(key).padStart(2, '0');
}
