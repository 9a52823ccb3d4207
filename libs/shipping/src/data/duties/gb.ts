import type { GbDutiesData, RuleSet } from '../types';

/**
 * United Kingdom. Up to £135 intrinsic value, VAT is charged at the point of sale (the marketplace
 * collects it) and no customs duty is due; above, import VAT 20% on customs value plus duty, and
 * duty per the UK Global Tariff (illustrative), 0 for Moroccan preferential origin under the
 * UK–Morocco Association Agreement.
 */
export const GB_RULE_SETS: RuleSet<GbDutiesData>[] = [
  {
    version: 'GB/2025-01-01',
    kind: 'duties',
    subject: 'GB',
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    source:
      'HMRC VAT Notice 143 (goods up to £135 sold to UK customers); UK Global Tariff (illustrative); UK–Morocco Association Agreement',
    data: {
      regime: 'GB',
      countries: ['GB', 'IM'],
      currency: 'GBP',
      vatRate: '0.20',
      pointOfSaleMax: 135_00,
      preferentialOrigins: ['MA'],
      preferenceLabel: 'UK–Morocco Association Agreement (origin statement on the invoice)',
      dutyRates: {
        byHeading: {
          '691200': '0.06',
          '691110': '0.08',
          '570110': '0.08',
          '570190': '0.08',
          '570210': '0.02',
          '420221': '0.02',
          '420231': '0.02',
          '640359': '0.08',
          '640399': '0.08',
          '442090': '0.04',
          '330499': '0',
          '340111': '0',
          '711311': '0.02',
        },
        otherwise: '0.04',
      },
    },
  },
];
