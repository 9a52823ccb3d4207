import type { Money } from '@souk/platform';
import Stripe from 'stripe';
import type { StripeSettings } from '../config/payments-settings';
import type { PaymentStatus } from '../payment';
import { paidStatus } from '../payment-states';
import { GatewayError } from './gateway-http';
import type {
  CheckoutStart,
  IncomingWebhook,
  PaymentProvider,
  ProviderPayment,
  ProviderRefund,
  ProviderRefundResult,
  ProviderState,
  WebhookAnswer,
  WebhookNotice,
  WebhookOutcome,
} from './payment-provider';
import { WebhookRejected } from './payment-provider';
import { headerValue } from './secrets';

type Intent = Stripe.PaymentIntent;

/** Stripe errors in the adapters' common terms: a lost answer is `timeout`, a refusal `rejected`. */
function gatewayError(err: unknown): unknown {
  if (!(err instanceof Error) || !('type' in err)) return err;
  const e = err as Error & { type: string; statusCode?: number; raw?: unknown };
  if (e.type === 'StripeConnectionError') return new GatewayError('timeout', `Stripe: ${e.message}`);
  if (e.type === 'StripeAPIError' || e.type === 'StripeRateLimitError' || (e.statusCode ?? 0) >= 500)
    return new GatewayError('unavailable', `Stripe: ${e.message}`, e.statusCode);
  return new GatewayError('rejected', `Stripe: ${e.message}`, e.statusCode, JSON.stringify(e.raw ?? {}));
}

async function stripeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw gatewayError(err);
  }
}

/**
 * Stripe with separate charges and transfers: one PaymentIntent per order (transfer_group = the
 * order reference), refunds keyed by our refund ids, transfers to cooperatives' connected accounts.
 */
export class StripeProvider implements PaymentProvider {
  readonly code = 'stripe' as const;
  readonly serialRefunds = false;
  private readonly stripe: Stripe;

  constructor(
    private readonly s: StripeSettings,
    timeoutMs: number,
  ) {
    const url = new URL(s.apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(s.secretKey, {
      host: url.hostname,
      port: Number(url.port || (protocol === 'http' ? 80 : 443)),
      protocol,
      timeout: timeoutMs,
      // Every write carries our idempotency key, so the SDK's own retries cannot pay twice.
      maxNetworkRetries: 1,
      telemetry: false,
    });
  }

  get simulated(): boolean {
    return this.s.simulated;
  }

  supports(currency: string): boolean {
    return this.s.currencies.includes(currency);
  }

  async startCheckout(p: ProviderPayment): Promise<CheckoutStart> {
    const intent = await stripeCall(() =>
      this.stripe.paymentIntents.create(
        {
          amount: p.amount.amount,
          currency: p.amount.currency.toLowerCase(),
          transfer_group: p.reference,
          description: `Souk order ${p.reference}`,
          receipt_email: p.buyer.email,
          metadata: { paymentId: p.id, reference: p.reference },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: `payment-${p.id}` },
      ),
    );
    const page = new URL(`${this.s.apiUrl}/stripe/pay/${intent.id}`);
    page.searchParams.set('return_url', p.returnUrl);
    return {
      providerRef: intent.id,
      session: {
        provider: this.code,
        simulated: this.simulated,
        kind: 'payment-intent',
        paymentIntentId: intent.id,
        clientSecret: intent.client_secret,
        publishableKey: this.s.publishableKey,
        returnUrl: p.returnUrl,
        // Only the simulator has a page of its own; real buyers pay through Stripe.js.
        ...(this.simulated ? { paymentPageUrl: page.toString() } : {}),
      },
    };
  }

  async retrieve(p: ProviderPayment): Promise<ProviderState> {
    const zero = { amount: 0, currency: p.amount.currency };
    if (!p.providerRef)
      return { status: 'pending', captured: zero, refunded: zero, detail: { intent: 'none yet' } };
    const intent = await stripeCall(() =>
      this.stripe.paymentIntents.retrieve(p.providerRef!, { expand: ['latest_charge'] }),
    );
    return this.stateOf(intent, p.amount.currency);
  }

  async capture(p: ProviderPayment, amount: Money): Promise<ProviderState> {
    const intent = await stripeCall(() =>
      this.stripe.paymentIntents.capture(
        p.providerRef!,
        { amount_to_capture: amount.amount },
        { idempotencyKey: `capture-${p.id}` },
      ),
    );
    return this.stateOf(intent, p.amount.currency);
  }

  async void(p: ProviderPayment): Promise<ProviderState> {
    const current = await this.retrieve(p);
    if (!p.providerRef || !['pending', 'requires_action', 'authorized'].includes(current.status))
      return p.providerRef ? current : { ...current, status: 'voided' };
    const intent = await stripeCall(() =>
      this.stripe.paymentIntents.cancel(
        p.providerRef!,
        { cancellation_reason: 'abandoned' },
        { idempotencyKey: `void-${p.id}` },
      ),
    );
    return this.stateOf(intent, p.amount.currency);
  }

  async refund(p: ProviderPayment, r: ProviderRefund): Promise<ProviderRefundResult> {
    try {
      const refund = await stripeCall(() =>
        this.stripe.refunds.create(
          {
            payment_intent: p.providerRef!,
            amount: r.amount.amount,
            metadata: { refundKey: r.key, paymentId: p.id },
          },
          { idempotencyKey: r.key },
        ),
      );
      const status =
        refund.status === 'succeeded'
          ? 'succeeded'
          : refund.status === 'failed' || refund.status === 'canceled'
            ? 'failed'
            : 'pending';
      return { status, providerRef: refund.id, error: refund.failure_reason ?? undefined };
    } catch (err) {
      if (err instanceof GatewayError && err.kind === 'rejected')
        return { status: 'failed', error: err.message };
      throw err;
    }
  }

  /** Moves MAD from the platform's balance to a cooperative's connected account; keyed, so retries are safe. */
  async transfer(t: {
    key: string;
    amount: Money;
    destination: string;
    group?: string;
    memo?: string;
  }): Promise<{ id: string }> {
    const transfer = await stripeCall(() =>
      this.stripe.transfers.create(
        {
          amount: t.amount.amount,
          currency: t.amount.currency.toLowerCase(),
          destination: t.destination,
          transfer_group: t.group,
          description: t.memo,
          metadata: { key: t.key },
        },
        { idempotencyKey: t.key },
      ),
    );
    return { id: transfer.id };
  }

  parseWebhook(w: IncomingWebhook): WebhookNotice {
    const signature = headerValue(w.headers, 'stripe-signature');
    if (!signature) throw new WebhookRejected('no Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(w.rawBody, signature, this.s.webhookSecret);
    } catch (err) {
      throw new WebhookRejected(`Stripe signature: ${(err as Error).message}`);
    }
    const object = event.data.object as unknown as Record<string, any>;
    const base = { dedupKey: event.id, detail: { event: event.type } };
    if (object.object === 'payment_intent') {
      const intent = object as Intent;
      return {
        ...base,
        providerRef: intent.id,
        reference: intent.metadata?.reference,
        state: this.stateOf(intent, intent.currency.toUpperCase()),
      };
    }
    if (object.object === 'charge' && object.payment_intent) {
      const currency = String(object.currency).toUpperCase();
      const captured = { amount: Number(object.amount_captured ?? 0), currency };
      const refunded = { amount: Number(object.amount_refunded ?? 0), currency };
      return {
        ...base,
        providerRef: String(object.payment_intent),
        state: {
          status: captured.amount > 0 ? paidStatus(captured.amount, refunded.amount) : 'pending',
          captured,
          refunded,
          detail: {},
        },
      };
    }
    return base;
  }

  answerWebhook(outcome: WebhookOutcome): WebhookAnswer {
    const status = outcome.kind === 'error' ? 500 : 200;
    return {
      status,
      contentType: 'application/json',
      body: JSON.stringify({ received: outcome.kind !== 'error' }),
    };
  }

  private stateOf(intent: Intent, currency: string): ProviderState {
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const captured = { amount: Number(charge?.amount_captured ?? intent.amount_received ?? 0), currency };
    const refunded = { amount: Number(charge?.amount_refunded ?? 0), currency };
    const map: Record<string, PaymentStatus> = {
      requires_payment_method: 'pending',
      requires_confirmation: 'pending',
      requires_action: 'requires_action',
      processing: 'requires_action',
      requires_capture: 'authorized',
      canceled: 'voided',
    };
    const status =
      intent.status === 'succeeded'
        ? paidStatus(captured.amount, refunded.amount)
        : (map[intent.status] ?? 'unknown');
    return {
      status,
      captured,
      refunded,
      providerRef: intent.id,
      declined: intent.last_payment_error?.code ?? undefined,
      detail: { intentStatus: intent.status },
    };
  }
}
