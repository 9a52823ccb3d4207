/**
 * The shapes of Souk's shipping rule sets. Each is stored as one row of shipping_rule_set with a
 * version name, an effective-from date and an optional effective-to date; a rule change is a new
 * row (a data change), never a code change. Amounts are integer minor units of the named currency;
 * rates are exact decimal fractions as strings ('0.20' is 20%, '0.003464' is 0.3464%).
 *
 * This module holds data and types only: the platform's migration imports it.
 */
export type RuleSetKind = 'rate-card' | 'duties' | 'packing';

export interface RuleSet<D = unknown> {
  /** `<subject>/<effective date>`, named in every breakdown line the rule set produces. */
  version: string;
  kind: RuleSetKind;
  /** A carrier code for rate cards, a regime code (US, EU, GB, CA, GCC, ROW) for duties. */
  subject: string;
  /** YYYY-MM-DD, inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null until superseded by a later version. */
  effectiveTo: string | null;
  source: string;
  data: D;
}

export interface PieceLimits {
  maxWeightGrams: number;
  maxLengthMm: number;
  /** length + 2 × (width + height); null when the carrier sets none */
  maxLengthPlusGirthMm: number | null;
}

export interface PackingData {
  /** Added to each outer dimension of a parcel: padding and the box wall. */
  paddingMm: number;
  /** Box, filler and tape, added to each parcel. */
  boxGrams: number;
  /** Items are packed together only while the parcel stays within these; a longer or heavier item ships alone. */
  consolidate: PieceLimits;
}

export interface Zone {
  code: string;
  label: string;
  /** ISO 3166-1 alpha-2 codes, or '*' for every country not in another zone nor in notServed. */
  countries: string[] | '*';
  transitDays: { min: number; max: number };
  /** Prices in MAD centimes at 0.5 kg, 1.0 kg, … (one per break step). */
  breaks: number[];
  /** MAD centimes per kg above the last break, charged per 0.5 kg step. */
  perKgBeyond: number;
}

export interface RateCardData {
  service: string;
  serviceLabel: string;
  currency: 'MAD';
  /** cm³ per kg */
  volumetricDivisor: number;
  /** Chargeable weight per piece is rounded up to a multiple of this. */
  roundingGrams: number;
  breakStepGrams: number;
  pieceLimits: PieceLimits;
  /** Fuel surcharge on the transport charge and the surcharges. */
  fuelRate: string;
  /** Per piece longer than longestSideOverMm or heavier than weightOverGrams (actual weight). */
  oversize: { longestSideOverMm: number; weightOverGrams: number; perPiece: number } | null;
  /** Per shipment to a destination whose postal code starts with one of the prefixes. */
  remoteArea: { perShipment: number; postcodePrefixes: Record<string, string[]> } | null;
  /** The carrier's charge for paying import duties and taxes on the shipper's account; null: no DDP. */
  ddpFee: number | null;
  zones: Zone[];
  notServed: string[];
}

/** Import duty rates per HS heading (6 digits), with a rate for headings not listed. */
export interface DutyRates {
  byHeading: Record<string, string>;
  otherwise: string;
}

export interface UsDutiesData {
  regime: 'US';
  countries: string[];
  currency: 'USD';
  /** Goods value at or under which nothing is due; null: no de minimis. */
  deMinimis: number | null;
  /** Origins whose goods enter at the FTA rate (0) when preference is claimed. */
  ftaOrigins: string[];
  ftaLabel: string;
  generalRates: DutyRates;
  /** The ad-valorem surcharge on top of the duty, on the whole goods value of the listed origins. */
  additionalDuty: { code: string; label: string; rate: string; origins: string[] } | null;
  mpf: { informalMax: number; informalFee: number; rate: string; min: number; max: number; label: string };
}

export interface EuDutiesData {
  regime: 'EU';
  currency: 'EUR';
  memberStates: Record<string, { name: string; vatRate: string }>;
  /** Intrinsic value at or under which VAT is collected at checkout (IOSS). */
  iossMax: number;
  preferentialOrigins: string[];
  preferenceLabel: string;
  mfnRates: DutyRates;
  /** Flat customs duty per distinct 6-digit heading in low-value consignments, not for preferential origin. */
  flatDuty: { perHeading: number; label: string } | null;
  /** Member states' own fees per distinct heading in low-value consignments. */
  nationalFees: Record<string, { perHeading: number; label: string }>;
}

export interface GbDutiesData {
  regime: 'GB';
  countries: string[];
  currency: 'GBP';
  vatRate: string;
  /** Intrinsic value at or under which VAT is charged at the point of sale and no duty is due. */
  pointOfSaleMax: number;
  preferentialOrigins: string[];
  preferenceLabel: string;
  dutyRates: DutyRates;
}

export interface CaDutiesData {
  regime: 'CA';
  countries: string[];
  currency: 'CAD';
  /** Value for duty at or under which courier imports owe nothing. */
  deMinimis: number;
  gstRate: string;
  /** HST provinces by the first letter of the postal code; others pay GST only. */
  hst: Record<string, { province: string; rate: string }>;
  dutyRates: DutyRates;
}

export interface GccCountry {
  name: string;
  currency: 'AED' | 'SAR';
  vatRate: string;
  /** CIF value (goods and shipping) under which no customs duty is due. */
  dutyExemptUpTo: number;
  /** true: the exemption includes a value equal to dutyExemptUpTo */
  exemptionInclusive: boolean;
}

export interface GccDutiesData {
  regime: 'GCC';
  countries: Record<string, GccCountry>;
  dutyRates: DutyRates;
}

export interface RestOfWorldData {
  regime: 'ROW';
  note: string;
}

export type DutiesData =
  UsDutiesData | EuDutiesData | GbDutiesData | CaDutiesData | GccDutiesData | RestOfWorldData;
