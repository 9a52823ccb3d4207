import type { RateCardData, RuleSet } from '../types';

const mad = (dirhams: number[]) => dirhams.map((d) => d * 100);

/** Countries no carrier from Morocco accepts parcels for (sanctions, suspended services). */
export const EMBARGOED = ['CU', 'IR', 'KP', 'SY', 'RU', 'BY'];

/**
 * DHL Express Worldwide (non-documents) from Morocco, public retail tariff. The figures are
 * illustrative but shaped like DHL Express Maroc's published export guide: six zones, prices per
 * 0.5 kg to 10 kg then per kg, fuel surcharge indexed monthly, oversize piece surcharge above 120 cm
 * or 70 kg, remote-area surcharge by postal code, and the Duty Tax Paid service for DDP.
 */
export const DHL_EXPRESS_2026: RuleSet<RateCardData> = {
  version: 'dhl-express/2026-01-01',
  kind: 'rate-card',
  subject: 'dhl-express',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  source:
    'DHL Express Maroc, export rate guide 2026 (retail, MAD, illustrative figures); volumetric divisor 5000 and surcharges per the DHL Express surcharge list',
  data: {
    service: 'express-worldwide',
    serviceLabel: 'DHL Express Worldwide',
    currency: 'MAD',
    volumetricDivisor: 5000,
    roundingGrams: 500,
    breakStepGrams: 500,
    pieceLimits: { maxWeightGrams: 300_000, maxLengthMm: 3000, maxLengthPlusGirthMm: null },
    fuelRate: '0.275',
    oversize: { longestSideOverMm: 1200, weightOverGrams: 70_000, perPiece: 380_00 },
    remoteArea: {
      perShipment: 290_00,
      postcodePrefixes: {
        US: ['967', '968', '995', '996', '997', '998', '999'],
        CA: ['X', 'Y'],
        GB: ['HS', 'ZE', 'KW15', 'KW16', 'KW17'],
        FR: ['20'],
        ES: ['07'],
        IT: ['07', '08', '09'],
      },
    },
    ddpFee: 150_00,
    zones: [
      {
        code: '1',
        label: 'Western Europe',
        countries: ['AT', 'BE', 'CH', 'DE', 'ES', 'FR', 'GB', 'IE', 'IT', 'LU', 'MC', 'NL', 'PT'],
        transitDays: { min: 2, max: 3 },
        breaks: mad([
          385, 441, 496, 551, 605, 659, 712, 764, 816, 867, 918, 968, 1017, 1066, 1114, 1162, 1209, 1255,
          1301, 1346,
        ]),
        perKgBeyond: 92_00,
      },
      {
        code: '2',
        label: 'Rest of Europe',
        countries: [
          'BG',
          'CY',
          'CZ',
          'DK',
          'EE',
          'FI',
          'GR',
          'HR',
          'HU',
          'IS',
          'LT',
          'LV',
          'MT',
          'NO',
          'PL',
          'RO',
          'SE',
          'SI',
          'SK',
        ],
        transitDays: { min: 3, max: 4 },
        breaks: mad([
          430, 494, 557, 620, 682, 743, 804, 863, 922, 981, 1038, 1096, 1152, 1207, 1262, 1316, 1370, 1423,
          1475, 1526,
        ]),
        perKgBeyond: 104_00,
      },
      {
        code: '3',
        label: 'Middle East and North Africa',
        countries: ['AE', 'BH', 'DZ', 'EG', 'IL', 'JO', 'KW', 'LB', 'OM', 'QA', 'SA', 'TN', 'TR'],
        transitDays: { min: 3, max: 5 },
        breaks: mad([
          450, 520, 589, 658, 725, 792, 858, 923, 988, 1051, 1114, 1176, 1237, 1298, 1357, 1416, 1474, 1531,
          1588, 1643,
        ]),
        perKgBeyond: 112_00,
      },
      {
        code: '4',
        label: 'North America',
        countries: ['CA', 'MX', 'PR', 'US'],
        transitDays: { min: 3, max: 5 },
        breaks: mad([
          520, 602, 683, 763, 843, 921, 998, 1075, 1151, 1226, 1300, 1372, 1445, 1516, 1586, 1656, 1724, 1792,
          1858, 1924,
        ]),
        perKgBeyond: 128_00,
      },
      {
        code: '5',
        label: 'Asia and Oceania',
        countries: ['AU', 'CN', 'HK', 'ID', 'IN', 'JP', 'KR', 'MY', 'NZ', 'PH', 'SG', 'TH', 'TW', 'VN'],
        transitDays: { min: 4, max: 6 },
        breaks: mad([
          560, 652, 743, 833, 922, 1010, 1097, 1183, 1268, 1352, 1435, 1517, 1598, 1678, 1757, 1835, 1912,
          1988, 2063, 2137,
        ]),
        perKgBeyond: 146_00,
      },
      {
        code: '6',
        label: 'Rest of the world',
        countries: '*',
        transitDays: { min: 5, max: 8 },
        breaks: mad([
          610, 710, 809, 907, 1004, 1100, 1195, 1289, 1382, 1474, 1565, 1655, 1744, 1832, 1919, 2005, 2090,
          2174, 2257, 2339,
        ]),
        perKgBeyond: 160_00,
      },
    ],
    notServed: EMBARGOED,
  },
};
