import type { PackingData, RuleSet } from './types';

/**
 * How cooperatives pack: items stacked in a box with 20 mm of padding on every side (40 mm per
 * dimension) and 300 g of box and filler; items share a box while it stays within 30 kg and 120 cm,
 * and anything longer or heavier (a rolled carpet) ships on its own.
 */
export const PACKING_RULE_SETS: RuleSet<PackingData>[] = [
  {
    version: 'packing/2026-01-01',
    kind: 'packing',
    subject: 'packing',
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    source: 'Souk packing guide for cooperatives (double-wall cartons, rolled textiles in tubes)',
    data: {
      paddingMm: 40,
      boxGrams: 300,
      consolidate: { maxWeightGrams: 30_000, maxLengthMm: 1200, maxLengthPlusGirthMm: null },
    },
  },
];
