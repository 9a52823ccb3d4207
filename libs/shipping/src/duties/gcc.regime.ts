import type { GccDutiesData } from '../data/types';
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
 * Gulf destinations. Customs duty on CIF value (goods and the transport charge) unless the CIF value
 * is under the exemption; VAT on every import, on CIF value plus duty, in the country's currency.
 */
export const GCC_REGIME: DutyRegime<GccDutiesData> = {
  currencies: (country, d) => [d.countries[country].currency],

  assess(c: Consignment, d: GccDutiesData, fx: Fx): Assessment {
    const country = d.countries[c.country];
    const local = (amount: number) => m(amount, country.currency);
    const rate = fx.rate(country.currency);
    const values = valuesIn(c.lines, rate);
    const shipping = shippingIn(c, rate);
    const cif = total(values) + shipping;
    const exempt = country.exemptionInclusive ? cif <= country.dutyExemptUpTo : cif < country.dutyExemptUpTo;
    const lines: ChargeLine[] = [];
    let duties = 0;
    if (exempt) {
      lines.push({
        kind: 'duty',
        code: 'duty-exempt',
        label: `No customs duty: CIF value ${shown(local(cif))} ${country.exemptionInclusive ? 'at or under' : 'under'} ${shown(local(country.dutyExemptUpTo))} (${country.name})`,
        amount: local(0),
      });
    } else {
      const freight = allocate(shipping, values);
      c.lines.forEach((line, i) => {
        const r = rateFor(d.dutyRates, line.heading);
        const base = values[i] + freight[i];
        const amount = applyRate(base, r);
        duties += amount;
        lines.push({
          kind: 'duty',
          code: 'duty',
          label: `Duty ${hs(line.hsCode)} ${line.description}: GCC common tariff ${percent(r)} on CIF value`,
          rate: r,
          base: local(base),
          amount: local(amount),
        });
      });
    }
    const base = cif + duties;
    lines.push({
      kind: 'tax',
      code: 'import-vat',
      label: `VAT ${percent(country.vatRate)} (${country.name}) on CIF value and duty`,
      rate: country.vatRate,
      base: local(base),
      amount: local(applyRate(base, country.vatRate)),
    });
    return { collection: 'import', lines };
  },
};
