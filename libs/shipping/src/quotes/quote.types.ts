import type { Money } from '@souk/platform';
import type { CarrierCode, RatedParcel } from '../carriers/carrier';
import type { CustomsLine, Fx } from '../duties/regime';
import type { Dimensions } from '../packing/chargeable-weight';
import type { Unit } from '../packing/packer';
import type { RuleBook } from '../rules/rule-book';

export type Incoterm = 'DDP' | 'DAP';

export interface Destination {
  country: string;
  postalCode: string | null;
  city: string | null;
}

/** One cooperative's part of a cart (or a partner's explicit parcels), ready to quote. */
export interface ConsignmentRequest {
  cooperativeId: string | null;
  originCity: string | null;
  items: { variantId: string; quantity: number }[];
  /** the items unit by unit, to pack; null when parcels are given */
  units: Unit[] | null;
  parcels: { weightGrams: number; dimensionsMm: Dimensions }[] | null;
  customs: CustomsLine[];
}

export interface QuoteContext {
  book: RuleBook;
  on: Date;
  day: string;
  destination: Destination;
  /** the quote's currency */
  currency: string;
  fx: Fx;
  incoterm: Incoterm | null;
}

export interface BreakdownLine {
  kind: 'shipping' | 'duty' | 'tax' | 'fee' | 'notice';
  code: string;
  label: string;
  /** exact decimal fraction: '0.20' is 20% */
  rate?: string;
  /** what the rate applies to, in the currency it was computed in */
  base?: Money;
  /** in the quote's currency */
  amount: Money;
  /** the amount as computed, when that currency is not the quote's (MAD for carriers, USD for US duties…) */
  original?: Money;
  payable: 'checkout' | 'delivery';
  /** the version of the rule set that produced the line */
  rule: string;
}

export interface Amounts {
  shipping: Money;
  duties: Money;
  taxes: Money;
  fees: Money;
  total: Money;
  owedOnDelivery: Money;
}

export interface PricedOption {
  id: string;
  carrier: CarrierCode;
  service: string;
  serviceLabel: string;
  transitDays: { min: number; max: number };
  incoterm: Incoterm;
  rateSource: 'card' | 'live';
  chargeableWeightGrams: number;
  parcels: RatedParcel[];
  /** in the quote's currency */
  amounts: Amounts;
  amountsMad: Amounts;
  breakdown: BreakdownLine[];
}

export interface ConsignmentQuote {
  cooperativeId: string | null;
  items: { variantId: string; quantity: number }[];
  /** as packed, with the 5000 cm³/kg divisor most express carriers use */
  parcels: RatedParcel[];
  options: PricedOption[];
  unavailable: { carrier: CarrierCode; reason: string }[];
  notices: string[];
  rules: { packing: string; duties: string };
  /** set when no carrier can take the consignment */
  refusal?: { about: 'destination' | 'pieces'; reasons: string[] };
}
