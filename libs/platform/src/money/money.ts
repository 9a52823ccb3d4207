/**
 * Money is an integer number of minor units and an ISO 4217 code: { amount: 45000, currency: 'MAD' }
 * is 450.00 MAD. Never floats; arithmetic that divides rounds half away from zero, on BigInt.
 */
export interface Money {
  amount: number;
  currency: string;
}

/** Minor-unit exponents (ISO 4217) of the currencies Souk prices, quotes or pays in. */
const EXPONENTS: Record<string, number> = {
  MAD: 2,
  EUR: 2,
  USD: 2,
  GBP: 2,
  CAD: 2,
  AED: 2,
  SAR: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  AUD: 2,
  JPY: 0,
  KWD: 3,
};

export const isKnownCurrency = (code: string): boolean => code in EXPONENTS;

export function exponentOf(currency: string): number {
  const e = EXPONENTS[currency];
  if (e === undefined) throw new RangeError(`unknown currency ${currency}`);
  return e;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`amount must be an integer of minor units, got ${amount}`);
  exponentOf(currency);
  return { amount, currency };
}

export const zero = (currency: string): Money => money(0, currency);

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

export const sum = (currency: string, items: readonly Money[]): Money => items.reduce(add, zero(currency));

export const times = (m: Money, factor: number): Money => money(m.amount * factor, m.currency);

/** n × d / q rounded half away from zero, exactly. */
export function divRound(n: bigint, q: bigint): bigint {
  if (q === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== q < 0n;
  const [a, b] = [n < 0n ? -n : n, q < 0n ? -q : q];
  const r = (a * 2n + b) / (b * 2n);
  return negative ? -r : r;
}

/** A share given in basis points (1/100 of a percent): 1250 bp of 100.00 is 12.50. */
export function basisPoints(m: Money, bp: number): Money {
  if (!Number.isInteger(bp)) throw new RangeError(`basis points must be an integer, got ${bp}`);
  return money(Number(divRound(BigInt(m.amount) * BigInt(bp), 10_000n)), m.currency);
}

/** The decimal string of the major unit, as payment gateways want it: 45000 MAD → "450.00". */
export function toMajorString(m: Money): string {
  const e = exponentOf(m.currency);
  const sign = m.amount < 0 ? '-' : '';
  const digits = String(Math.abs(m.amount)).padStart(e + 1, '0');
  return e === 0 ? sign + digits : `${sign}${digits.slice(0, -e)}.${digits.slice(-e)}`;
}

/** Parses "450.00" (major units, at most the currency's decimals) into minor units. */
export function fromMajorString(value: string, currency: string): Money {
  const e = exponentOf(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match || (match[3]?.length ?? 0) > e) throw new RangeError(`${value} is not an amount in ${currency}`);
  const minor = BigInt(match[2] + (match[3] ?? '').padEnd(e, '0'));
  return money(Number(match[1] ? -minor : minor), currency);
}
