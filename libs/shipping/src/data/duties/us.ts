import type { RuleSet, UsDutiesData } from '../types';

/**
 * United States. The HTSUS general (column 1) rates of the headings artisan goods use (illustrative
 * rounding of the 8-digit lines), 0 under the US–Morocco FTA (HTSUS general note 27, SPI "MA") for
 * Moroccan-origin goods; the additional ad-valorem duty on Moroccan goods in force on the day; the
 * merchandise processing fee (19 CFR 24.23: flat fee for informal entries up to $2,500, 0.3464%
 * within a minimum and maximum above). The FTA gives no MPF exemption (CBP, Morocco FTA page).
 */
const base: Omit<UsDutiesData, 'deMinimis' | 'additionalDuty' | 'mpf'> = {
  regime: 'US',
  countries: ['US', 'PR'],
  currency: 'USD',
  ftaOrigins: ['MA'],
  ftaLabel: 'US–Morocco FTA (HTSUS general note 27)',
  generalRates: {
    byHeading: {
      '691200': '0.098',
      '691110': '0.08',
      '691390': '0.06',
      '690723': '0.085',
      '690730': '0.085',
      '570110': '0.027',
      '570190': '0.036',
      '570210': '0.036',
      '420221': '0.09',
      '420222': '0.176',
      '420231': '0.08',
      '640359': '0.10',
      '640399': '0.085',
      '442090': '0.032',
      '442019': '0.032',
      '680291': '0.049',
      '680292': '0.048',
      '680299': '0.065',
      '151590': '0.034',
      '330499': '0',
      '340111': '0',
      '940550': '0.06',
      '830629': '0',
      '741819': '0.03',
      '460219': '0.045',
      '460211': '0.045',
      '711311': '0.05',
      '711719': '0.11',
      '630491': '0.062',
      '621420': '0.064',
    },
    otherwise: '0.05',
  },
};

const MPF_FY2025 = {
  informalMax: 2500_00,
  informalFee: 2_62,
  rate: '0.003464',
  min: 32_71,
  max: 634_62,
  label: 'Merchandise processing fee (FY2025)',
};
const MPF_FY2026 = {
  informalMax: 2500_00,
  informalFee: 2_69,
  rate: '0.003464',
  min: 33_58,
  max: 651_50,
  label: 'Merchandise processing fee (FY2026)',
};
const IEEPA = {
  code: 'us-ieepa-reciprocal',
  label: 'IEEPA reciprocal duty on goods of Morocco (HTSUS 9903.01.25)',
  rate: '0.10',
  origins: ['MA'],
};
const SOURCE_BASE =
  'HTSUS 2026 general rates (illustrative); CBP Morocco FTA page; CBP Dec. 24-xx and 25-10 user fees';

export const US_RULE_SETS: RuleSet<UsDutiesData>[] = [
  {
    version: 'US/2025-04-05',
    kind: 'duties',
    subject: 'US',
    effectiveFrom: '2025-04-05',
    effectiveTo: '2025-08-29',
    source: `${SOURCE_BASE}; EO 14257 (reciprocal tariffs); 19 U.S.C. 1321 de minimis $800`,
    data: { ...base, deMinimis: 800_00, additionalDuty: IEEPA, mpf: MPF_FY2025 },
  },
  {
    version: 'US/2025-08-29',
    kind: 'duties',
    subject: 'US',
    effectiveFrom: '2025-08-29',
    effectiveTo: '2025-10-01',
    source: `${SOURCE_BASE}; EO 14324 (de minimis suspended for all countries from 29 Aug 2025)`,
    data: { ...base, deMinimis: null, additionalDuty: IEEPA, mpf: MPF_FY2025 },
  },
  {
    version: 'US/2025-10-01',
    kind: 'duties',
    subject: 'US',
    effectiveFrom: '2025-10-01',
    effectiveTo: '2026-02-24',
    source: `${SOURCE_BASE}; CBP Dec. 25-10 (FY2026 user fees); EO 14324`,
    data: { ...base, deMinimis: null, additionalDuty: IEEPA, mpf: MPF_FY2026 },
  },
  {
    version: 'US/2026-02-24',
    kind: 'duties',
    subject: 'US',
    effectiveFrom: '2026-02-24',
    effectiveTo: '2026-07-24',
    source: `${SOURCE_BASE}; IEEPA duties ended 24 Feb 2026 (CSMS 67834313); Proclamation of 20 Feb 2026 under Section 122, 150 days (CSMS 67844987)`,
    data: {
      ...base,
      deMinimis: null,
      additionalDuty: {
        code: 'us-section-122',
        label: 'Section 122 temporary import surcharge (HTSUS 9903.03.01)',
        rate: '0.10',
        origins: ['MA'],
      },
      mpf: MPF_FY2026,
    },
  },
  {
    // Section 122 lapsed at its statutory 150 days; what replaced it for Moroccan goods is
    // unsettled. Issue #4 keeps 10% for 2026: a provisional line, to be replaced by a new version.
    version: 'US/2026-07-24',
    kind: 'duties',
    subject: 'US',
    effectiveFrom: '2026-07-24',
    effectiveTo: null,
    source: `${SOURCE_BASE}; Section 122 surcharge lapsed 24 Jul 2026; successor measure unsettled, 10% kept provisionally (issue #4)`,
    data: {
      ...base,
      deMinimis: null,
      additionalDuty: {
        code: 'us-additional-duty',
        label: 'Additional ad-valorem duty on goods of Morocco (provisional, after Section 122)',
        rate: '0.10',
        origins: ['MA'],
      },
      mpf: MPF_FY2026,
    },
  },
];
