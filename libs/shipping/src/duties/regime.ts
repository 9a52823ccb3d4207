import { type ExchangeRate, fromMad, type Money, money } from '@souk/platform';
import type { DutyRates } from '../data/types';

/** One line of the customs declaration: goods of one HS code, their value and origin. */
export interface CustomsLine {
  hsCode: string;
  /** the first six digits */
  heading: string;
  description: string;
  quantity: number;
  valueMad: number;
  origin: string;
  /** preferential origin is declared (origin statement on the invoice) */
  preferential: boolean;
}

export interface Consignment {
  country: string;
  postalCode: string | null;
  lines: readonly CustomsLine[];
  /** the carrier's transport charges line by line, MAD centimes */
  shippingMad: readonly number[];
}

export interface ChargeLine {
  kind: 'duty' | 'tax' | 'fee' | 'notice';
  code: string;
  label: string;
  rate?: string;
  base?: Money;
  /** in the regime's currency */
  amount: Money;
}

/**
 * point-of-sale: the law has the seller collect at checkout (IOSS, UK VAT up to £135): only DDP.
 * import: charged on import: DDP (the carrier pays for the shipper) or DAP (the buyer on delivery).
 * none: not estimated: DAP only.
 */
export type Collection = 'point-of-sale' | 'import' | 'none';

export interface Assessment {
  collection: Collection;
  lines: ChargeLine[];
  /** why DAP or DDP is not offered, for the answer's notices */
  note?: string;
}

export interface Fx {
  rate(currency: string): ExchangeRate;
}

/** Duties and taxes of one destination regime, from its rule set's data. */
export interface DutyRegime<D> {
  /** Refuses a destination the regime cannot assess (e.g. a Canadian address without postal code). */
  check?(destination: { country: string; postalCode: string | null }, data: D): void;
  assess(c: Consignment, data: D, fx: Fx): Assessment;
  /** the currencies assess() converts into */
  currencies(country: string, data: D): string[];
}

export const rateFor = (rates: DutyRates, heading: string): string =>
  rates.byHeading[heading] ?? rates.otherwise;

/** Each line's value converted from MAD, line by line (each rounded), in minor units of `rate.currency`. */
export const valuesIn = (lines: readonly CustomsLine[], rate: ExchangeRate): number[] =>
  lines.map((l) => fromMad(l.valueMad, rate).amount);

/** The transport charges in `rate.currency`, converted line by line as the quote shows them. */
export const shippingIn = (c: Consignment, rate: ExchangeRate): number =>
  c.shippingMad.reduce((sum, line) => sum + fromMad(line, rate).amount, 0);

export const total = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

export const hs = (code: string): string =>
  `${code.slice(0, 4)}.${code.slice(4, 6)}${code.length > 6 ? `.${code.slice(6)}` : ''}`;

/** "$1,234.56"-style label amounts, exact. */
export function shown(m: Money): string {
  const symbol: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CAD: 'CA$' };
  const sign = m.amount < 0 ? '-' : '';
  const abs = Math.abs(m.amount);
  const major = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = String(abs % 100).padStart(2, '0');
  const prefix = symbol[m.currency];
  return prefix ? `${sign}${prefix}${major}.${minor}` : `${sign}${major}.${minor} ${m.currency}`;
}

export const m = money;
