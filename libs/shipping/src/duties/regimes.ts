import type { DutiesData } from '../data/types';
import { CA_REGIME } from './ca.regime';
import { EU_REGIME } from './eu.regime';
import { GB_REGIME } from './gb.regime';
import { GCC_REGIME } from './gcc.regime';
import type { DutyRegime } from './regime';
import { ROW_REGIME } from './row.regime';
import { US_REGIME } from './us.regime';

/** The regime that reads a duties rule set, by the regime its data names. */
export function regimeOf(data: DutiesData): DutyRegime<any> {
  switch (data.regime) {
    case 'US':
      return US_REGIME;
    case 'EU':
      return EU_REGIME;
    case 'GB':
      return GB_REGIME;
    case 'CA':
      return CA_REGIME;
    case 'GCC':
      return GCC_REGIME;
    case 'ROW':
      return ROW_REGIME;
  }
}
