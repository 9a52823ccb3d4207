import { Problem } from '@souk/platform';
import type { CaDutiesData } from '../data/types';
import { applyRate, percent } from './decimal-rate';
import {
  type Assessment,
  type ChargeLine,
  type Consignment,
  type DutyRegime,
  type Fx,
  hs,
  m,
  rateFor,
  shown,
  total,
  valuesIn,
} from './regime';

const POSTAL = /^[A-Z]\d[A-Z]\d[A-Z]\d$/;

/**
 * Canada. Courier imports at or under the de minimis owe nothing; above, MFN duty on the value for
 * duty (goods, freight excluded) and GST, or HST in its provinces, on value for duty plus duty.
 */
export const CA_REGIME: DutyRegime<CaDutiesData> = {
  currencies: () => ['CAD'],

  check(destination) {
    const postal = (destination.postalCode ?? '').replace(/[\s-]/g, '').toUpperCase();
    if (!postal)
      throw Problem.field('destination.postalCode', 'is required for Canada: it decides between GST and HST');
    if (!POSTAL.test(postal))
      throw Problem.field('destination.postalCode', 'must be a Canadian postal code such as K1A 0B1');
  },

  assess(c: Consignment, d: CaDutiesData, fx: Fx): Assessment {
    const cad = (amount: number) => m(amount, 'CAD');
    const values = valuesIn(c.lines, fx.rate('CAD'));
    const vfd = total(values);
    if (vfd <= d.deMinimis) {
      return {
        collection: 'import',
        lines: [
          {
            kind: 'notice',
            code: 'de-minimis',
            label: `Value for duty ${shown(cad(vfd))} is within ${shown(cad(d.deMinimis))}: no duty or taxes (Courier Imports Remission Order)`,
            amount: cad(0),
          },
        ],
      };
    }
    let duties = 0;
    const lines: ChargeLine[] = c.lines.map((line, i) => {
      const rate = rateFor(d.dutyRates, line.heading);
      const amount = applyRate(values[i], rate);
      duties += amount;
      return {
        kind: 'duty',
        code: 'duty',
        label: `Duty ${hs(line.hsCode)} ${line.description}: MFN ${percent(rate)} on value for duty`,
        rate,
        base: cad(values[i]),
        amount: cad(amount),
      };
    });
    const letter = (c.postalCode ?? '').trim().toUpperCase()[0] ?? '';
    const hst = d.hst[letter];
    const rate = hst?.rate ?? d.gstRate;
    const base = vfd + duties;
    lines.push({
      kind: 'tax',
      code: hst ? 'hst' : 'gst',
      label: hst
        ? `HST ${percent(rate)} (${hst.province}) on value for duty and duty`
        : `GST ${percent(rate)} on value for duty and duty`,
      rate,
      base: cad(base),
      amount: cad(applyRate(base, rate)),
    });
    return { collection: 'import', lines };
  },
};
