import type { RateCardData, RuleSet } from '../types';
import { EMBARGOED } from './dhl-express';

const mad = (dirhams: number[]) => dirhams.map((d) => d * 100);

/**
 * Aramex Priority Parcel Express from Morocco. Seven zones, 161 to 383 MAD for 0.5 kg and 1,141 to
 * 5,135 MAD for 20 kg, as Aramex Morocco's export cards run (figures illustrative). The volumetric
 * divisor depends on the contract (3000 to 6000 seen); ARAMEX_VOLUMETRIC_DIVISOR overrides this one.
 */
export const ARAMEX_2026: RuleSet<RateCardData> = {
  version: 'aramex/2026-01-01',
  kind: 'rate-card',
  subject: 'aramex',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  source:
    'Aramex Morocco export rate card 2026 (retail, MAD, illustrative figures within the published range)',
  data: {
    service: 'priority-parcel-express',
    serviceLabel: 'Aramex Priority Parcel Express',
    currency: 'MAD',
    volumetricDivisor: 6000,
    roundingGrams: 500,
    breakStepGrams: 500,
    pieceLimits: { maxWeightGrams: 70_000, maxLengthMm: 1600, maxLengthPlusGirthMm: null },
    fuelRate: '0.22',
    oversize: { longestSideOverMm: 1200, weightOverGrams: 70_000, perPiece: 250_00 },
    remoteArea: {
      perShipment: 200_00,
      postcodePrefixes: { US: ['967', '968', '995', '996', '997', '998', '999'], CA: ['X', 'Y'] },
    },
    ddpFee: 100_00,
    zones: [
      {
        code: 'A',
        label: 'Gulf and Middle East',
        countries: ['AE', 'BH', 'EG', 'JO', 'KW', 'LB', 'OM', 'QA', 'SA', 'TN'],
        transitDays: { min: 2, max: 4 },
        breaks: mad([
          161, 191, 221, 250, 280, 309, 338, 367, 395, 424, 452, 480, 508, 535, 563, 590, 617, 644, 670, 697,
        ]),
        perKgBeyond: 44_40,
      },
      {
        code: 'B',
        label: 'Western Europe',
        countries: ['BE', 'DE', 'ES', 'FR', 'IT', 'LU', 'NL', 'PT'],
        transitDays: { min: 3, max: 5 },
        breaks: mad([
          194, 232, 270, 307, 344, 382, 418, 455, 491, 527, 563, 598, 634, 668, 703, 738, 772, 806, 840, 873,
        ]),
        perKgBeyond: 64_70,
      },
      {
        code: 'C',
        label: 'Rest of Europe',
        countries: [
          'AT',
          'BG',
          'CH',
          'CY',
          'CZ',
          'DK',
          'EE',
          'FI',
          'GB',
          'GR',
          'HR',
          'HU',
          'IE',
          'LT',
          'LV',
          'MT',
          'NO',
          'PL',
          'RO',
          'SE',
          'SI',
          'SK',
          'TR',
        ],
        transitDays: { min: 3, max: 6 },
        breaks: mad([
          226, 274, 322, 369, 416, 463, 510, 556, 602, 647, 692, 738, 782, 827, 871, 914, 958, 1001, 1044,
          1087,
        ]),
        perKgBeyond: 89_30,
      },
      {
        code: 'D',
        label: 'North America',
        countries: ['CA', 'PR', 'US'],
        transitDays: { min: 4, max: 7 },
        breaks: mad([
          263, 325, 387, 448, 509, 569, 629, 689, 748, 807, 865, 923, 981, 1038, 1095, 1151, 1207, 1263, 1318,
          1373,
        ]),
        perKgBeyond: 117_70,
      },
      {
        code: 'E',
        label: 'Asia',
        countries: ['CN', 'HK', 'IN', 'JP', 'KR', 'MY', 'SG', 'TH', 'TW'],
        transitDays: { min: 5, max: 8 },
        breaks: mad([
          298, 378, 458, 536, 615, 693, 770, 848, 924, 1000, 1076, 1150, 1225, 1299, 1372, 1446, 1518, 1590,
          1662, 1732,
        ]),
        perKgBeyond: 151_80,
      },
      {
        code: 'F',
        label: 'Oceania and Latin America',
        countries: ['AR', 'AU', 'BR', 'CL', 'MX', 'NZ', 'ZA'],
        transitDays: { min: 6, max: 9 },
        breaks: mad([
          335, 435, 534, 633, 731, 829, 926, 1022, 1118, 1213, 1308, 1402, 1495, 1588, 1680, 1772, 1863, 1953,
          2043, 2132,
        ]),
        perKgBeyond: 196_80,
      },
      {
        code: 'G',
        label: 'Rest of the world',
        countries: '*',
        transitDays: { min: 7, max: 12 },
        breaks: mad([
          383, 517, 650, 783, 915, 1047, 1178, 1308, 1438, 1567, 1696, 1824, 1951, 2078, 2204, 2330, 2455,
          2579, 2703, 2826,
        ]),
        perKgBeyond: 230_90,
      },
    ],
    notServed: EMBARGOED,
  },
};
