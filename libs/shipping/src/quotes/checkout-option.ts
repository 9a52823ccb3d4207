import type { Money } from '@souk/platform';

/**
 * What checkout (libs/orders) reads back about a quote option the buyer chose. Amounts are in the
 * quote's currency and again in MAD. `total` for DDP includes duties, taxes and fees; for DAP it is
 * shipping plus the fees the shipper collects, and duties and taxes are owed on delivery.
 */
export interface CheckoutShippingOption {
  optionId: string;
  quoteId: string;
  cooperativeId: string;
  carrier: string;
  service: string;
  incoterm: 'DDP' | 'DAP';
  transitDays: { min: number; max: number };
  /** the quote's currency */
  currency: string;
  shipping: Money;
  duties: Money;
  taxes: Money;
  fees: Money;
  total: Money;
  shippingMad: Money;
  dutiesMad: Money;
  taxesMad: Money;
  feesMad: Money;
  totalMad: Money;
  expiresAt: Date;
  destination: { country: string; postalCode: string | null };
  /** that cooperative's items the quote was computed for */
  items: { variantId: string; quantity: number }[];
}
