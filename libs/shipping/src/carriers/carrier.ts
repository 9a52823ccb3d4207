import type { Dimensions } from '../packing/chargeable-weight';
import type { Unit } from '../packing/packer';
import type { RuleBook } from '../rules/rule-book';

export const CARRIER_CODES = ['dhl-express', 'aramex', 'amana-ems'] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

/** What a carrier is asked to move: a cooperative's items to pack, or a partner's own parcels. */
export interface Shipment {
  destination: { country: string; postalCode: string | null; city: string | null };
  originCity: string | null;
  units: readonly Unit[] | null;
  parcels: readonly { weightGrams: number; dimensionsMm: Dimensions }[] | null;
  /** goods value, for carriers that price with it (MyDHL asks for it) */
  declaredValueMad: number;
}

export interface RatedParcel {
  weightGrams: number;
  dimensionsMm: Dimensions;
  volumetricWeightGrams: number;
  chargeableWeightGrams: number;
}

/** A line of the carrier's charge, in MAD centimes; notices carry no amount. */
export interface ShippingLine {
  kind: 'shipping' | 'notice';
  code: string;
  label: string;
  rate?: string;
  /** MAD centimes the rate applies to */
  base?: number;
  amount: number;
  rule: string;
}

export interface RatedShipment {
  carrier: CarrierCode;
  service: string;
  serviceLabel: string;
  transitDays: { min: number; max: number };
  parcels: RatedParcel[];
  lines: ShippingLine[];
  /** MAD centimes for paying duties and taxes on the shipper's account; null: the carrier offers no DDP */
  ddpFee: number | null;
  rateSource: 'card' | 'live';
  /** the rate card's version (DDP fee, fallback) */
  card: string;
}

export type CarrierAnswer =
  { ok: true; rated: RatedShipment } | { ok: false; reason: string; about: 'destination' | 'pieces' };

export interface RatingContext {
  book: RuleBook;
  on: Date;
  day: string;
}

/** One carrier from Morocco. Options for a shipment, or why it cannot take it. */
export interface Carrier {
  readonly code: CarrierCode;
  rate(shipment: Shipment, ctx: RatingContext): Promise<CarrierAnswer>;
}

/** The carriers a quote asks, in the order options are listed. */
export const CARRIERS = Symbol('CARRIERS');
