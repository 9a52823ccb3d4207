import type { GbDutiesData } from '../data/types';
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

/**
 * United Kingdom. Up to £135 intrinsic value: VAT on goods and delivery charged at the point of sale,
 * no duty. Above: duty per line on customs value (goods and transport, shared pro rata), 0 for
 * preferential Moroccan origin, and import VAT on customs value plus duty.
 */
export const GB_REGIME: DutyRegime<GbDutiesData> = {
  currencies: () => ['GBP'],

  assess(c: Consignment, d: GbDutiesData, fx: Fx): Assessment {
    const rate = fx.rate('GBP');
    const gbp = (amount: number) => m(amount, 'GBP');
    const values = valuesIn(c.lines, rate);
    const goods = total(values);
    const shipping = shippingIn(c, rate);
    const lines: ChargeLine[] = [];
    if (goods <= d.pointOfSaleMax) {
      const base = goods + shipping;
      lines.push(
        {
          kind: 'duty',
          code: 'no-duty',
          label: `No customs duty on consignments up to ${shown(gbp(d.pointOfSaleMax))}`,
          amount: gbp(0),
        },
        {
          kind: 'tax',
          code: 'uk-vat',
          label: `UK VAT ${percent(d.vatRate)} on goods and delivery, charged at the point of sale (up to ${shown(gbp(d.pointOfSaleMax))})`,
          rate: d.vatRate,
          base: gbp(base),
          amount: gbp(applyRate(base, d.vatRate)),
        },
      );
      return {
        collection: 'point-of-sale',
        lines,
        note: `UK VAT is charged at checkout for consignments up to ${shown(gbp(d.pointOfSaleMax))}: every option is DDP`,
      };
    }
    const freight = allocate(shipping, values);
    let duties = 0;
    c.lines.forEach((line, i) => {
      const general = rateFor(d.dutyRates, line.heading);
      const free = line.preferential && d.preferentialOrigins.includes(line.origin);
      const rateOf = free ? '0' : general;
      const base = values[i] + freight[i];
      const amount = applyRate(base, rateOf);
      duties += amount;
      lines.push({
        kind: 'duty',
        code: 'duty',
        label: free
          ? `Duty ${hs(line.hsCode)} ${line.description}: free, ${d.preferenceLabel} (UK Global Tariff ${percent(general)})`
          : `Duty ${hs(line.hsCode)} ${line.description}: UK Global Tariff ${percent(general)} on customs value`,
        rate: rateOf,
        base: gbp(base),
        amount: gbp(amount),
      });
    });
    const base = goods + shipping + duties;
    lines.push({
      kind: 'tax',
      code: 'import-vat',
      label: `Import VAT ${percent(d.vatRate)} on customs value and duty (above ${shown(gbp(d.pointOfSaleMax))})`,
      rate: d.vatRate,
      base: gbp(base),
      amount: gbp(applyRate(base, d.vatRate)),
    });
    return { collection: 'import', lines };
  },
};
