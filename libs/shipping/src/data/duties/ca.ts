import type { CaDutiesData, RuleSet } from '../types';

/**
 * Canada. Courier imports from outside CUSMA owe nothing up to CA$20 value for duty (Courier
 * Imports Remission Order, CBSA Customs Notice 20-18); above, MFN duty on the value for duty
 * (illustrative rates; the General Preferential Tariff is not claimed) and GST 5%, or HST in the
 * participating provinces (by the postal code's first letter), on value for duty plus duty.
 */
export const CA_RULE_SETS: RuleSet<CaDutiesData>[] = [
  {
    version: 'CA/2025-04-01',
    kind: 'duties',
    subject: 'CA',
    effectiveFrom: '2025-04-01',
    effectiveTo: null,
    source:
      'CBSA Customs Notice 20-18; Excise Tax Act (GST/HST rates; Nova Scotia 14% from 1 Apr 2025); Customs Tariff MFN rates (illustrative)',
    data: {
      regime: 'CA',
      countries: ['CA'],
      currency: 'CAD',
      deMinimis: 20_00,
      gstRate: '0.05',
      hst: {
        A: { province: 'Newfoundland and Labrador', rate: '0.15' },
        B: { province: 'Nova Scotia', rate: '0.14' },
        C: { province: 'Prince Edward Island', rate: '0.15' },
        E: { province: 'New Brunswick', rate: '0.15' },
        K: { province: 'Ontario', rate: '0.13' },
        L: { province: 'Ontario', rate: '0.13' },
        M: { province: 'Ontario', rate: '0.13' },
        N: { province: 'Ontario', rate: '0.13' },
        P: { province: 'Ontario', rate: '0.13' },
      },
      dutyRates: {
        byHeading: {
          '691200': '0.07',
          '691110': '0.07',
          '570110': '0.08',
          '570190': '0.08',
          '570210': '0.08',
          '420221': '0.10',
          '420231': '0.085',
          '640359': '0.18',
          '640399': '0.18',
          '442090': '0.05',
          '330499': '0.065',
          '711311': '0.085',
        },
        otherwise: '0.065',
      },
    },
  },
];
