import type { ExchangeRate, Money } from '@souk/platform';

export const PAYMENT_PROVIDERS = ['mastercard', 'cmi', 'stripe'] as const;
export type PaymentProviderCode = (typeof PAYMENT_PROVIDERS)[number];

/**
 * A payment only moves forward along pending → requires_action → authorized → captured →
 * partially_refunded → refunded, or ends voided or failed. `unknown` means an operation's outcome
 * was lost (a timeout): only a retrieve from the provider resolves it.
 */
export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
  'unknown',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface OpenPaymentInput {
  orderId: string;
  /** The order's public reference, ≤ 40 chars, used as the merchant order id. */
  reference: string;
  provider: PaymentProviderCode;
  /** What the buyer pays, in the payment currency (MAD, EUR or USD as the provider supports). */
  amount: Money;
  /** The same in MAD. */
  amountMad: Money;
  /** The rate used, recorded on the payment. */
  rate: ExchangeRate;
  buyer: { email: string; name: string; locale: 'fr' | 'en' | 'ar' };
  returnUrl?: string;
  /** Each cooperative's share (for transfers). */
  cooperatives: { cooperativeId: string; amountMad: Money }[];
}

export interface PaymentView {
  id: string;
  orderId: string;
  provider: PaymentProviderCode;
  status: PaymentStatus;
  amount: Money;
  amountMad: Money;
  /** What the client needs to send the buyer to the provider's page; null until startSession. */
  session: Record<string, unknown> | null;
}

export interface RefundResult {
  id: string;
  status: 'succeeded' | 'pending' | 'failed';
  amount: Money;
}

export interface RefundInput {
  paymentId: string;
  /** The caller's refund id: the idempotency key, so a retry never pays twice. */
  refundId: string;
  amount: Money;
  reason: string;
}
