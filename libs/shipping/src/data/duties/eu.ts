import type { EuDutiesData, RuleSet } from '../types';

/**
 * European Union. Standard VAT of each member state; IOSS (VAT at checkout) up to €150 intrinsic
 * value; above, import VAT on customs value plus duty. Customs duty per heading (CN 2026 third-country
 * rates, illustrative), 0 for Moroccan preferential origin (EU–Morocco Association Agreement,
 * Protocol 4: origin declaration on the invoice). From 1 Jul 2026 a flat €3 per distinct 6-digit
 * heading in low-value consignments, not for goods under a preference (Reg. (EU) 2026/382 and
 * 2026/1022). France's €2 per line on low-value parcels from 1 Mar 2026 (LFI 2026).
 */
const MEMBER_STATES: EuDutiesData['memberStates'] = {
  AT: { name: 'Austria', vatRate: '0.20' },
  BE: { name: 'Belgium', vatRate: '0.21' },
  BG: { name: 'Bulgaria', vatRate: '0.20' },
  CY: { name: 'Cyprus', vatRate: '0.19' },
  CZ: { name: 'Czechia', vatRate: '0.21' },
  DE: { name: 'Germany', vatRate: '0.19' },
  DK: { name: 'Denmark', vatRate: '0.25' },
  EE: { name: 'Estonia', vatRate: '0.24' },
  ES: { name: 'Spain', vatRate: '0.21' },
  FI: { name: 'Finland', vatRate: '0.255' },
  FR: { name: 'France', vatRate: '0.20' },
  GR: { name: 'Greece', vatRate: '0.24' },
  HR: { name: 'Croatia', vatRate: '0.25' },
  HU: { name: 'Hungary', vatRate: '0.27' },
  IE: { name: 'Ireland', vatRate: '0.23' },
  IT: { name: 'Italy', vatRate: '0.22' },
  LT: { name: 'Lithuania', vatRate: '0.21' },
  LU: { name: 'Luxembourg', vatRate: '0.17' },
  LV: { name: 'Latvia', vatRate: '0.21' },
  MC: { name: 'Monaco (French VAT)', vatRate: '0.20' },
  MT: { name: 'Malta', vatRate: '0.18' },
  NL: { name: 'Netherlands', vatRate: '0.21' },
  PL: { name: 'Poland', vatRate: '0.23' },
  PT: { name: 'Portugal', vatRate: '0.23' },
  RO: { name: 'Romania', vatRate: '0.21' },
  SE: { name: 'Sweden', vatRate: '0.25' },
  SI: { name: 'Slovenia', vatRate: '0.22' },
  SK: { name: 'Slovakia', vatRate: '0.23' },
};

const base: EuDutiesData = {
  regime: 'EU',
  currency: 'EUR',
  memberStates: MEMBER_STATES,
  iossMax: 150_00,
  preferentialOrigins: ['MA'],
  preferenceLabel: 'EU–Morocco Association Agreement, Protocol 4 (origin declaration on the invoice)',
  mfnRates: {
    byHeading: {
      '691200': '0.09',
      '691110': '0.12',
      '691390': '0.06',
      '690723': '0.05',
      '690730': '0.05',
      '570110': '0.08',
      '570190': '0.08',
      '570210': '0.03',
      '420221': '0.03',
      '420222': '0.097',
      '420231': '0.03',
      '640359': '0.08',
      '640399': '0.08',
      '442090': '0.04',
      '442019': '0',
      '680291': '0.017',
      '680292': '0.017',
      '680299': '0.017',
      '151590': '0.051',
      '330499': '0',
      '340111': '0',
      '940550': '0.027',
      '830629': '0',
      '741819': '0.03',
      '460219': '0.037',
      '460211': '0.037',
      '711311': '0.025',
      '711719': '0.04',
      '630491': '0.12',
      '621420': '0.08',
    },
    otherwise: '0.04',
  },
  flatDuty: null,
  nationalFees: {},
};

const FR_FEE = { perHeading: 2_00, label: 'French customs handling fee on low-value parcels (€2 per line)' };
const SOURCE =
  'Council Directive 2006/112/EC and national VAT rates (2026); CN 2026 third-country duties (illustrative); EU–Morocco Association Agreement Protocol 4';

export const EU_RULE_SETS: RuleSet<EuDutiesData>[] = [
  {
    version: 'EU/2025-09-01',
    kind: 'duties',
    subject: 'EU',
    effectiveFrom: '2025-09-01',
    effectiveTo: null,
    source: SOURCE,
    data: base,
  },
  {
    version: 'EU/2026-03-01',
    kind: 'duties',
    subject: 'EU',
    effectiveFrom: '2026-03-01',
    effectiveTo: null,
    source: `${SOURCE}; France and Monaco: €2 handling fee per line on consignments up to €150 (LFI 2026, art. 82)`,
    data: { ...base, nationalFees: { FR: FR_FEE, MC: FR_FEE } },
  },
  {
    version: 'EU/2026-07-01',
    kind: 'duties',
    subject: 'EU',
    effectiveFrom: '2026-07-01',
    effectiveTo: '2028-07-01',
    source: `${SOURCE}; Council Reg. (EU) 2026/382 and Commission Delegated Reg. (EU) 2026/1022: €3 per distinct heading up to €150, not for preferential goods, until 1 Jul 2028; France €2 per line`,
    data: {
      ...base,
      flatDuty: {
        perHeading: 3_00,
        label: 'EU flat customs duty on low-value consignments (€3 per heading)',
      },
      nationalFees: { FR: FR_FEE, MC: FR_FEE },
    },
  },
];
