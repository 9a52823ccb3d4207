import type { GccDutiesData, RuleSet } from '../types';

/**
 * Gulf Cooperation Council destinations. Customs duty at the common external tariff (5% for the
 * headings artisan goods use) on CIF value, waived for courier consignments under 1,000 (GCC unified
 * guide: "less than SR1,000 including goods and shipping"; Dubai Customs reinstated AED 1,000 on
 * 1 Mar 2023); VAT on every import, on CIF value plus duty: 5% in the UAE, 15% in Saudi Arabia.
 */
export const GCC_RULE_SETS: RuleSet<GccDutiesData>[] = [
  {
    version: 'GCC/2023-03-01',
    kind: 'duties',
    subject: 'GCC',
    effectiveFrom: '2023-03-01',
    effectiveTo: null,
    source:
      'GCC Common Customs Tariff; ZATCA (personal shipments under SR1,000 incl. shipping exempt from duty, VAT 15% on all imports); Dubai Customs notice of 1 Mar 2023 (AED 1,000)',
    data: {
      regime: 'GCC',
      countries: {
        AE: {
          name: 'United Arab Emirates',
          currency: 'AED',
          vatRate: '0.05',
          dutyExemptUpTo: 1000_00,
          exemptionInclusive: true,
        },
        SA: {
          name: 'Saudi Arabia',
          currency: 'SAR',
          vatRate: '0.15',
          dutyExemptUpTo: 1000_00,
          exemptionInclusive: false,
        },
      },
      dutyRates: { byHeading: {}, otherwise: '0.05' },
    },
  },
];
