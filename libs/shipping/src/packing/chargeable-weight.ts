/** Outer dimensions of a piece in millimetres, longest first. */
export interface Dimensions {
  length: number;
  width: number;
  height: number;
}

/** The three sides, longest first. */
export function sorted(a: number, b: number, c: number): Dimensions {
  const [length, width, height] = [a, b, c].sort((x, y) => y - x);
  return { length, width, height };
}

/**
 * Volumetric weight in grams: L×W×H cm³ ÷ divisor (cm³ per kg). In millimetres and grams the two
 * factors of 1000 cancel: mm³ ÷ divisor = grams. Rounded up to the whole gram, exactly (BigInt).
 */
export function volumetricGrams(d: Dimensions, divisorCm3PerKg: number): number {
  if (!Number.isInteger(divisorCm3PerKg) || divisorCm3PerKg <= 0)
    throw new RangeError(`divisor must be a positive integer, got ${divisorCm3PerKg}`);
  const volume = BigInt(d.length) * BigInt(d.width) * BigInt(d.height);
  const divisor = BigInt(divisorCm3PerKg);
  return Number((volume + divisor - 1n) / divisor);
}

/** Up to the next multiple of `step` (an exact multiple stays). */
export function roundUpTo(grams: number, step: number): number {
  if (!Number.isInteger(grams) || grams < 0)
    throw new RangeError(`grams must be a whole number, got ${grams}`);
  return Math.ceil(grams / step) * step;
}

/** Chargeable weight of one piece: the greater of actual and volumetric, rounded up to `step` grams. */
export function chargeableGrams(
  weightGrams: number,
  d: Dimensions,
  divisorCm3PerKg: number,
  step = 500,
): number {
  return roundUpTo(Math.max(weightGrams, volumetricGrams(d, divisorCm3PerKg)), step);
}
