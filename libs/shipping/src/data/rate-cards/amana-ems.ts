import type { RateCardData, RuleSet } from '../types';

const mad = (dirhams: number[]) => dirhams.map((d) => d * 100);

/**
 * Amana International Express (EMS, Barid Al-Maghrib with Chronopost Maroc). No public API and no
 * published volumetric divisor: 6000 here, AMANA_VOLUMETRIC_DIVISOR overrides it. Postal network:
 * no fuel surcharge, no oversize surcharge, 30 kg and 150 cm per piece (300 cm length and girth),
 * no DDP service; only the countries listed are served. Figures illustrative.
 */
export const AMANA_EMS_2026: RuleSet<RateCardData> = {
  version: 'amana-ems/2026-01-01',
  kind: 'rate-card',
  subject: 'amana-ems',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  source:
    'Barid Al-Maghrib, Amana International Express (EMS) tariff 2026 (MAD, illustrative figures); EMS piece limits per the UPU EMS operational guide',
  data: {
    service: 'ems',
    serviceLabel: 'Amana International Express (EMS)',
    currency: 'MAD',
    volumetricDivisor: 6000,
    roundingGrams: 500,
    breakStepGrams: 500,
    pieceLimits: { maxWeightGrams: 30_000, maxLengthMm: 1500, maxLengthPlusGirthMm: 3000 },
    fuelRate: '0',
    oversize: null,
    remoteArea: null,
    ddpFee: null,
    zones: [
      {
        code: '1',
        label: 'Europe',
        countries: [
          'AT',
          'BE',
          'BG',
          'CH',
          'CY',
          'CZ',
          'DE',
          'DK',
          'EE',
          'ES',
          'FI',
          'FR',
          'GB',
          'GR',
          'HR',
          'HU',
          'IE',
          'IT',
          'LT',
          'LU',
          'LV',
          'MT',
          'NL',
          'NO',
          'PL',
          'PT',
          'RO',
          'SE',
          'SI',
          'SK',
        ],
        transitDays: { min: 4, max: 7 },
        breaks: mad([
          140, 170, 200, 229, 259, 288, 317, 346, 374, 403, 431, 459, 487, 514, 542, 569, 596, 623, 649, 676,
        ]),
        perKgBeyond: 52_00,
      },
      {
        code: '2',
        label: 'Middle East and North Africa',
        countries: ['AE', 'BH', 'EG', 'JO', 'KW', 'LB', 'OM', 'QA', 'SA', 'TN', 'TR'],
        transitDays: { min: 5, max: 8 },
        breaks: mad([
          150, 184, 218, 251, 285, 318, 351, 384, 416, 449, 481, 513, 545, 576, 608, 639, 670, 701, 731, 762,
        ]),
        perKgBeyond: 58_00,
      },
      {
        code: '3',
        label: 'Americas',
        countries: ['AR', 'BR', 'CA', 'MX', 'US'],
        transitDays: { min: 6, max: 10 },
        breaks: mad([
          190, 234, 278, 321, 364, 407, 450, 492, 534, 575, 616, 658, 698, 739, 779, 818, 858, 897, 936, 975,
        ]),
        perKgBeyond: 74_00,
      },
      {
        code: '4',
        label: 'Asia and Oceania',
        countries: ['AU', 'CN', 'HK', 'IN', 'JP', 'KR', 'MY', 'NZ', 'SG'],
        transitDays: { min: 7, max: 12 },
        breaks: mad([
          210, 260, 310, 359, 408, 457, 506, 554, 602, 649, 696, 744, 790, 837, 883, 928, 974, 1019, 1064,
          1109,
        ]),
        perKgBeyond: 84_00,
      },
      {
        code: '5',
        label: 'Africa',
        countries: ['CI', 'CM', 'GA', 'GH', 'KE', 'ML', 'MR', 'NG', 'SN', 'ZA'],
        transitDays: { min: 6, max: 12 },
        breaks: mad([
          170, 210, 250, 289, 328, 368, 406, 445, 483, 521, 559, 596, 634, 670, 707, 744, 780, 816, 852, 887,
        ]),
        perKgBeyond: 68_00,
      },
    ],
    notServed: [],
  },
};
