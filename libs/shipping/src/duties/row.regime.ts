import type { RestOfWorldData } from '../data/types';
import { type Assessment, type Consignment, type DutyRegime, m } from './regime';

/** Destinations without a rule set: shipping only, and a line saying duties and taxes are not estimated. */
export const ROW_REGIME: DutyRegime<RestOfWorldData> = {
  currencies: () => [],

  assess(c: Consignment, d: RestOfWorldData): Assessment {
    return {
      collection: 'none',
      lines: [
        {
          kind: 'notice',
          code: 'duties-not-estimated',
          label: `${d.note} (${c.country})`,
          amount: m(0, 'MAD'),
        },
      ],
      note: `Duties and taxes are not estimated for ${c.country}: every option is DAP`,
    };
  },
};
