import type { RestOfWorldData, RuleSet } from '../types';

/** Every destination without its own rule set: shipping only, duties and taxes not estimated. */
export const ROW_RULE_SETS: RuleSet<RestOfWorldData>[] = [
  {
    version: 'ROW/2025-01-01',
    kind: 'duties',
    subject: 'ROW',
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    source: 'Souk: no duty and tax rule set for this destination yet',
    data: {
      regime: 'ROW',
      note: 'Duties and taxes are not estimated for this destination: the buyer may owe them on delivery',
    },
  },
];
