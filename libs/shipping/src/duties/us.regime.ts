import type { UsDutiesData } from '../data/types';
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

/**
 * United States: duty per line at the general rate, or free under the FTA for preferential
 * Moroccan goods; the additional ad-valorem duty in force on the whole value of the listed origins;
 * the merchandise processing fee. Values are the goods' transaction value (freight excluded).
 */
export const US_REGIME: DutyRegime<UsDutiesData> = {
  currencies: () => ['USD'],

  assess(c: Consignment, d: UsDutiesData, fx: Fx): Assessment {
    const values = valuesIn(c.lines, fx.rate('USD'));
    const goods = total(values);
    const usd = (amount: number) => m(amount, 'USD');
    if (d.deMinimis !== null && goods <= d.deMinimis) {
      return {
        collection: 'import',
        lines: [
          {
            kind: 'notice',
            code: 'de-minimis',
            label: `Goods value ${shown(usd(goods))} is within the ${shown(usd(d.deMinimis))} de minimis (19 U.S.C. 1321): no duty or fees`,
            amount: usd(0),
          },
        ],
      };
    }
    const lines: ChargeLine[] = c.lines.map((line, i) => {
      const general = rateFor(d.generalRates, line.heading);
      const free = line.preferential && d.ftaOrigins.includes(line.origin);
      const rate = free ? '0' : general;
      return {
        kind: 'duty',
        code: 'duty',
        label: free
          ? `Duty ${hs(line.hsCode)} ${line.description}: free under the ${d.ftaLabel} (general rate ${percent(general)})`
          : `Duty ${hs(line.hsCode)} ${line.description}: general rate ${percent(general)}`,
        rate,
        base: usd(values[i]),
        amount: usd(applyRate(values[i], rate)),
      };
    });
    const extra = d.additionalDuty;
    if (extra) {
      const base = total(values.filter((_, i) => extra.origins.includes(c.lines[i].origin)));
      if (base > 0)
        lines.push({
          kind: 'duty',
          code: extra.code,
          label: `${extra.label} ${percent(extra.rate)}`,
          rate: extra.rate,
          base: usd(base),
          amount: usd(applyRate(base, extra.rate)),
        });
    }
    const mpf = d.mpf;
    if (goods <= mpf.informalMax) {
      lines.push({
        kind: 'fee',
        code: 'mpf',
        label: `${mpf.label}, informal entry (goods up to ${shown(usd(mpf.informalMax))})`,
        amount: usd(mpf.informalFee),
      });
    } else {
      const fee = Math.min(mpf.max, Math.max(mpf.min, applyRate(goods, mpf.rate)));
      lines.push({
        kind: 'fee',
        code: 'mpf',
        label: `${mpf.label}, formal entry: ${percent(mpf.rate)} within ${shown(usd(mpf.min))} to ${shown(usd(mpf.max))}`,
        rate: mpf.rate,
        base: usd(goods),
        amount: usd(fee),
      });
    }
    return { collection: 'import', lines };
  },
};
