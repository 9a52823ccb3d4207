import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
import { Problem } from '../errors/problem';
import { divRound, exponentOf, money, type Money } from './money';

export interface ExchangeRate {
  currency: string;
  /** What one unit of the currency is worth in dirhams, as a decimal string (numeric(18,8)). */
  madPerUnit: string;
  effectiveDate: string;
  source: string;
}

const SCALE = 100_000_000n; // numeric(18,8)

function scaled(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(8, '0').slice(0, 8));
}

/** Converts MAD minor units into `rate.currency` minor units, rounding half away from zero. */
export function fromMad(amountMad: number, rate: ExchangeRate): Money {
  const e = exponentOf(rate.currency);
  // amount / 10^2 MAD ÷ (madPerUnit) × 10^e minor units
  const n = BigInt(amountMad) * 10n ** BigInt(e) * SCALE;
  const d = scaled(rate.madPerUnit) * 100n;
  return money(Number(divRound(n, d)), rate.currency);
}

/** Converts minor units of `rate.currency` into MAD minor units, rounding half away from zero. */
export function toMad(amount: number, rate: ExchangeRate): Money {
  const e = exponentOf(rate.currency);
  const n = BigInt(amount) * scaled(rate.madPerUnit) * 100n;
  const d = 10n ** BigInt(e) * SCALE;
  return money(Number(divRound(n, d)), 'MAD');
}

const MAD_RATE = (on: string): ExchangeRate => ({
  currency: 'MAD',
  madPerUnit: '1',
  effectiveDate: on,
  source: 'identity',
});
const TTL_MS = 60_000;

/**
 * Dated rates against the dirham from the exchange_rate table. The table is small and changes
 * daily at most, so it is read whole and kept a minute: quotes are a hot path.
 */
@Injectable()
export class ExchangeRates {
  private rows: ExchangeRate[] = [];
  private loadedAt = 0;

  constructor(private readonly sql: Sql) {}

  /** The rate in force on `on` (the latest effective on or before that day). */
  async rateOn(currency: string, on: Date = new Date()): Promise<ExchangeRate> {
    const day = on.toISOString().slice(0, 10);
    if (currency === 'MAD') return MAD_RATE(day);
    if (Date.now() - this.loadedAt > TTL_MS) await this.reload();
    const rate = this.rows.find((r) => r.currency === currency && r.effectiveDate <= day);
    if (!rate)
      throw Problem.field('currency', `has no exchange rate on ${day}: ${currency} is not supported`);
    return rate;
  }

  async currencies(): Promise<string[]> {
    if (Date.now() - this.loadedAt > TTL_MS) await this.reload();
    return ['MAD', ...new Set(this.rows.map((r) => r.currency))].sort();
  }

  /** Forgets the cached table, after rates were written. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async reload(): Promise<void> {
    this.rows = await this.sql.rows<ExchangeRate>(
      `SELECT currency, mad_per_unit::text AS "madPerUnit", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", source
         FROM exchange_rate ORDER BY currency, effective_date DESC`,
    );
    this.loadedAt = Date.now();
  }
}
