import type { EuDutiesData } from '../data/types';
import { allocate, applyRate, percent } from './decimal-rate';
import {
  type Assessment,
  type ChargeLine,
  type Consignment,
  type DutyRegime,
  type Fx,
  hs,
  m,
  rateFor,
  shippingIn,
  shown,
  total,
  valuesIn,
} from './regime';

const headings = (list: readonly { heading: string }[]) => [...new Set(list.map((l) => l.heading))].sort();

/**
 * European Union. Up to €150 intrinsic value: VAT of the member state on goods and delivery,
 * collected at checkout under IOSS; the flat duty per distinct heading for goods without a
 * preference (from 1 Jul 2026); national low-value fees. Above: duty per line on customs value
 * (goods and the whole transport charge, shared pro rata), 0 for preferential Moroccan origin, and
 * import VAT on customs value plus duty.
 */
export const EU_REGIME: DutyRegime<EuDutiesData> = {
  currencies: () => ['EUR'],

  assess(c: Consignment, d: EuDutiesData, fx: Fx): Assessment {
    const state = d.memberStates[c.country];
    const rate = fx.rate('EUR');
    const eur = (amount: number) => m(amount, 'EUR');
    const values = valuesIn(c.lines, rate);
    const goods = total(values);
    const shipping = shippingIn(c, rate);
    const preferred = (l: { origin: string; preferential: boolean }) =>
      l.preferential && d.preferentialOrigins.includes(l.origin);
    const lines: ChargeLine[] = [];

    if (goods <= d.iossMax) {
      if (d.flatDuty) {
        const dutiable = headings(c.lines.filter((l) => !preferred(l)));
        if (dutiable.length > 0)
          lines.push({
            kind: 'duty',
            code: 'eu-flat-duty',
            label: `${d.flatDuty.label}: ${dutiable.length} heading${dutiable.length > 1 ? 's' : ''} (${dutiable.map(hs).join(', ')})`,
            amount: eur(d.flatDuty.perHeading * dutiable.length),
          });
        if (c.lines.some(preferred))
          lines.push({
            kind: 'duty',
            code: 'preferential-origin',
            label: `No customs duty on Moroccan goods: ${d.preferenceLabel}`,
            amount: eur(0),
          });
      } else {
        lines.push({
          kind: 'duty',
          code: 'duty-relief',
          label: `No customs duty on consignments up to ${shown(eur(d.iossMax))} (Reg. (EC) 1186/2009, art. 23)`,
          amount: eur(0),
        });
      }
      const fee = d.nationalFees[c.country];
      if (fee) {
        const n = headings(c.lines).length;
        lines.push({
          kind: 'fee',
          code: 'national-handling-fee',
          label: `${fee.label}: ${n} line${n > 1 ? 's' : ''}`,
          amount: eur(fee.perHeading * n),
        });
      }
      const base = goods + shipping;
      lines.push({
        kind: 'tax',
        code: 'ioss-vat',
        label: `VAT ${percent(state.vatRate)} (${state.name}) on goods and delivery, collected at checkout under IOSS (up to ${shown(eur(d.iossMax))})`,
        rate: state.vatRate,
        base: eur(base),
        amount: eur(applyRate(base, state.vatRate)),
      });
      return {
        collection: 'point-of-sale',
        lines,
        note: `VAT is collected at checkout under IOSS for consignments up to ${shown(eur(d.iossMax))}: every option is DDP`,
      };
    }

    const freight = allocate(shipping, values);
    let duties = 0;
    c.lines.forEach((line, i) => {
      const mfn = rateFor(d.mfnRates, line.heading);
      const free = preferred(line);
      const rate = free ? '0' : mfn;
      const base = values[i] + freight[i];
      const amount = applyRate(base, rate);
      duties += amount;
      lines.push({
        kind: 'duty',
        code: 'duty',
        label: free
          ? `Duty ${hs(line.hsCode)} ${line.description}: free, Moroccan preferential origin (${d.preferenceLabel}; third-country rate ${percent(mfn)})`
          : `Duty ${hs(line.hsCode)} ${line.description}: third-country rate ${percent(mfn)} on customs value (goods and transport)`,
        rate,
        base: eur(base),
        amount: eur(amount),
      });
    });
    const base = goods + shipping + duties;
    lines.push({
      kind: 'tax',
      code: 'import-vat',
      label: `Import VAT ${percent(state.vatRate)} (${state.name}) on customs value and duty (above ${shown(eur(d.iossMax))}, no IOSS)`,
      rate: state.vatRate,
      base: eur(base),
      amount: eur(applyRate(base, state.vatRate)),
    });
    return { collection: 'import', lines };
  },
};
