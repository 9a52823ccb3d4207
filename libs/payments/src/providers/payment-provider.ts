import type { Money } from '@souk/platform';
import type { PaymentProviderCode, PaymentStatus } from '../payment';

/** What an adapter is told about one of our payments. */
export interface ProviderPayment {
  id: string;
  /** The merchant order id at the gateway. */
  reference: string;
  amount: Money;
  /** The provider's own id once known (Stripe PaymentIntent id). */
  providerRef: string | null;
  buyer: { email: string; name: string; locale: 'fr' | 'en' | 'ar' };
  /** Where the buyer's browser comes back to (our return route). */
  returnUrl: string;
  /** Where the gateway posts its notifications for this payment. */
  notificationUrl: string;
  /** What the last session recorded, for adapters that need it again. */
  session: Record<string, unknown> | null;
}

/** The provider's view of a payment, in our words. */
export interface ProviderState {
  status: PaymentStatus;
  captured: Money;
  refunded: Money;
  /** The provider's own id, when this answer reveals it. */
  providerRef?: string;
  /** Why the last attempt was declined, when it was; a decline is not final (the buyer may retry). */
  declined?: string;
  detail: Record<string, unknown>;
}

export interface CheckoutStart {
  /** Handed to the buyer's client as is; always carries `provider` and `simulated`. */
  session: Record<string, unknown>;
  providerRef?: string;
}

export interface ProviderRefund {
  /** Our id for this refund at the provider: the same on every retry. */
  key: string;
  amount: Money;
  /** What the provider had refunded on this payment before this refund was first sent. */
  refundedBefore: Money;
}

export interface ProviderRefundResult {
  status: 'succeeded' | 'pending' | 'failed';
  providerRef?: string;
  error?: string;
}

export interface IncomingWebhook {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** A verified notification, reduced to what we act on. */
export interface WebhookNotice {
  /** Unique per delivery fact: a replay has the same key. */
  dedupKey: string;
  /** How to find the payment: our reference (merchant order id) or the provider's id. */
  reference?: string;
  providerRef?: string;
  /** The state the notification itself proves (signed); absent when it must be confirmed by a retrieve. */
  state?: ProviderState;
  /** The amount the notification claims, checked against the payment when present. */
  amount?: Money;
  detail: Record<string, unknown>;
}

/** How the webhook route ended, so the adapter can answer in the provider's own terms. */
export type WebhookOutcome =
  | { kind: 'processed'; status: PaymentStatus; notice: WebhookNotice }
  | { kind: 'duplicate'; status: PaymentStatus; notice: WebhookNotice }
  | { kind: 'ignored'; notice: WebhookNotice; reason: string }
  | { kind: 'error'; reason: string };

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Refused notifications: a bad signature or secret, or a body that cannot be read. */
export class WebhookRejected extends Error {}

/**
 * A card gateway, in the marketplace's words: start the buyer's checkout, ask where a payment
 * stands, capture, void, refund, and read the gateway's notifications. One file per gateway.
 */
export interface PaymentProvider {
  readonly code: PaymentProviderCode;
  /** True when this adapter talks to the in-process simulator. */
  readonly simulated: boolean;
  /** Refunds must be sent one at a time per payment (no refund ids at the provider). */
  readonly serialRefunds: boolean;
  supports(currency: string): boolean;
  startCheckout(payment: ProviderPayment): Promise<CheckoutStart>;
  retrieve(payment: ProviderPayment): Promise<ProviderState>;
  capture(payment: ProviderPayment, amount: Money): Promise<ProviderState>;
  void(payment: ProviderPayment): Promise<ProviderState>;
  refund(payment: ProviderPayment, refund: ProviderRefund): Promise<ProviderRefundResult>;
  /** Verifies and reads a notification; throws WebhookRejected when it is forged or unreadable. */
  parseWebhook(webhook: IncomingWebhook): WebhookNotice;
  answerWebhook(outcome: WebhookOutcome): WebhookAnswer;
}

export const PAYMENT_PROVIDER_LIST = Symbol('PAYMENT_PROVIDER_LIST');
