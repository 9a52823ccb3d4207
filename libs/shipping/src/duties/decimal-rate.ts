import { divRound, type Money, money } from '@souk/platform';

const DECIMAL = /^\d{1,6}(\.\d{1,12})?$/;

const parsed = new Map<string, { n: bigint; d: bigint }>();

/** A rate written as an exact decimal fraction ('0.20' is 20%), as numerator over a power of ten. */
function parse(rate: string): { n: bigint; d: bigint } {
  let r = parsed.get(rate);
  if (!r) {
    if (!DECIMAL.test(rate)) throw new RangeError(`${rate} is not a decimal rate`);
    const [whole, fraction = ''] = rate.split('.');
    r = { n: BigInt(whole + fraction), d: 10n ** BigInt(fraction.length) };
    // rates come from a few dozen rule sets; the bound only guards against a runaway caller
    if (parsed.size < 1000) parsed.set(rate, r);
  }
  return r;
}

/** amount × rate in the same minor units, rounded half away from zero, exactly (no floats). */
export function applyRate(amount: number, rate: string): number {
  const { n, d } = parse(rate);
  return Number(divRound(BigInt(amount) * n, d));
}

export const ofRate = (base: Money, rate: string): Money =>
  money(applyRate(base.amount, rate), base.currency);

export const isZeroRate = (rate: string): boolean => parse(rate).n === 0n;

/** '0.20' → '20%', '0.003464' → '0.3464%', for labels. */
export function percent(rate: string): string {
  const { n, d } = parse(rate);
  const scaled = n * 100n;
  const whole = scaled / d;
  let rest = scaled % d;
  if (rest === 0n) return `${whole}%`;
  let digits = '';
  for (let scale = d; rest !== 0n && digits.length < 10;) {
    scale /= 10n;
    if (scale === 0n) break;
    digits += String(rest / scale);
    rest %= scale;
  }
  return `${whole}.${digits}%`;
}

/**
 * Shares `total` between parts in proportion to `weights` by rounding the running totals (half away
 * from zero): every share is whole and never negative, and the shares add up to the total exactly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = BigInt(weights.reduce((a, b) => a + b, 0));
  if (weights.length === 0) return [];
  if (sum === 0n) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  let running = 0n;
  let before = 0;
  return weights.map((w) => {
    running += BigInt(w);
    const upTo = Number(divRound(BigInt(total) * running, sum));
    const share = upTo - before;
    before = upTo;
    return share;
  });
}
