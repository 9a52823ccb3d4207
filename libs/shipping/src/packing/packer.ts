import type { PackingData, PieceLimits } from '../data/types';
import { type Dimensions, sorted } from './chargeable-weight';

/** One unit of a variant, as it goes into a box. */
export interface Unit {
  variantId: string;
  weightGrams: number;
  /** the unit's own dimensions, longest first */
  dims: Dimensions;
}

/** A packed parcel: outer dimensions and weight, box included, and what is inside. */
export interface Parcel {
  weightGrams: number;
  dimensionsMm: Dimensions;
  contents: { variantId: string; quantity: number }[];
}

/** Why a piece breaks a carrier's limits, or null when it does not. */
export function breaksLimits(
  p: { weightGrams: number; dimensionsMm: Dimensions },
  limits: PieceLimits,
): string | null {
  const d = p.dimensionsMm;
  if (p.weightGrams > limits.maxWeightGrams)
    return `a piece of ${kg(p.weightGrams)} kg is above its ${kg(limits.maxWeightGrams)} kg limit`;
  if (d.length > limits.maxLengthMm)
    return `a piece of ${cm(d.length)} cm is above its ${cm(limits.maxLengthMm)} cm longest-side limit`;
  const girth = d.length + 2 * (d.width + d.height);
  if (limits.maxLengthPlusGirthMm !== null && girth > limits.maxLengthPlusGirthMm)
    return `a piece of ${cm(girth)} cm length and girth is above its ${cm(limits.maxLengthPlusGirthMm)} cm limit`;
  return null;
}

const kg = (grams: number) => String(grams / 1000);
const cm = (mm: number) => String(mm / 10);

const tighter = (a: PieceLimits, b?: PieceLimits): PieceLimits =>
  b
    ? {
        maxWeightGrams: Math.min(a.maxWeightGrams, b.maxWeightGrams),
        maxLengthMm: Math.min(a.maxLengthMm, b.maxLengthMm),
        maxLengthPlusGirthMm:
          a.maxLengthPlusGirthMm === null
            ? b.maxLengthPlusGirthMm
            : b.maxLengthPlusGirthMm === null
              ? a.maxLengthPlusGirthMm
              : Math.min(a.maxLengthPlusGirthMm, b.maxLengthPlusGirthMm),
      }
    : a;

/** Units stacked flat: the longest and widest footprint, heights added, then padding and box. */
function box(units: readonly Unit[], policy: PackingData): Omit<Parcel, 'contents'> {
  let length = 0;
  let width = 0;
  let height = 0;
  let weight = 0;
  for (const u of units) {
    length = Math.max(length, u.dims.length);
    width = Math.max(width, u.dims.width);
    height += u.dims.height;
    weight += u.weightGrams;
  }
  const pad = policy.paddingMm;
  return {
    weightGrams: weight + policy.boxGrams,
    dimensionsMm: sorted(length + pad, width + pad, height + pad),
  };
}

/**
 * Packs units into parcels, first fit, longest and heaviest first. Units share a box while it stays
 * within the packing policy's limits and the carrier's (when given); a unit that alone is beyond
 * them ships alone (the carrier then decides whether it can carry it).
 */
export function pack(units: readonly Unit[], policy: PackingData, carrier?: PieceLimits): Parcel[] {
  const limits = tighter(policy.consolidate, carrier);
  const ordered = [...units].sort(
    (a, b) =>
      b.dims.length - a.dims.length ||
      b.weightGrams - a.weightGrams ||
      (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0),
  );
  const open: Unit[][] = [];
  for (const unit of ordered) {
    const fits = open.find((inside) => breaksLimits(box([...inside, unit], policy), limits) === null);
    if (fits) fits.push(unit);
    else open.push([unit]);
  }
  return open.map((inside) => {
    const counts = new Map<string, number>();
    for (const u of inside) counts.set(u.variantId, (counts.get(u.variantId) ?? 0) + 1);
    return {
      ...box(inside, policy),
      contents: [...counts].map(([variantId, quantity]) => ({ variantId, quantity })),
    };
  });
}
