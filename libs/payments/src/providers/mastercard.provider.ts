import { fromMajorString, toMajorString, type Money } from '@souk/platform';
import type { MastercardSettings } from '../config/payments-settings';
import { paidStatus } from '../payment-states';
import type { PaymentStatus } from '../payment';
import { basicAuth, gatewayCall, GatewayError } from './gateway-http';
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
import { headerValue, sameSecret } from './secrets';

const API_VERSION = 100;

interface McOrderBody {
  id?: string;
  status?: string;
  currency?: string;
  result?: string;
  totalCapturedAmount?: string;
  totalRefundedAmount?: string;
  transaction?: {
    transaction?: { id?: string; type?: string };
    result?: string;
    response?: { gatewayCode?: string };
  }[];
}

/**
 * The Mastercard Gateway (MPGS), as Moroccan acquiring banks offer it: hosted checkout sessions,
 * notifications carrying X-Notification-Secret, and operations keyed by our own transaction ids.
 * A notification is never believed on its own: the order is retrieved before anything changes.
 */
export class MastercardProvider implements PaymentProvider {
  readonly code = 'mastercard' as const;
  readonly serialRefunds = false;

  constructor(
    private readonly s: MastercardSettings,
    private readonly timeoutMs: number,
    private readonly merchantName = 'Souk',
  ) {}

  get simulated(): boolean {
    return this.s.simulated;
  }

  supports(currency: string): boolean {
    return this.s.currencies.includes(currency);
  }

  async startCheckout(p: ProviderPayment): Promise<CheckoutStart> {
    const answer = await this.call<{ session?: { id?: string }; successIndicator?: string }>(
      'POST',
      '/session',
      {
        apiOperation: 'INITIATE_CHECKOUT',
        interaction: {
          operation: 'PURCHASE',
          merchant: { name: this.merchantName },
          returnUrl: p.returnUrl,
          locale: { fr: 'fr_FR', en: 'en_US', ar: 'ar_MA' }[p.buyer.locale],
        },
        order: {
          id: p.reference,
          amount: toMajorString(p.amount),
          currency: p.amount.currency,
          description: `Souk order ${p.reference}`,
          notificationUrl: p.notificationUrl,
        },
        customer: { email: p.buyer.email },
      },
      1,
    );
    const sessionId = answer.session?.id;
    if (!sessionId) throw new GatewayError('rejected', 'the gateway answered no session id');
    return {
      session: {
        provider: this.code,
        simulated: this.simulated,
        kind: 'hosted-checkout',
        sessionId,
        successIndicator: answer.successIndicator ?? null,
        checkoutJsUrl: `${this.s.baseUrl}/static/checkout/checkout.min.js`,
        paymentPageUrl: `${this.s.baseUrl}/checkout/pay/${sessionId}`,
      },
    };
  }

  async retrieve(p: ProviderPayment): Promise<ProviderState> {
    try {
      return this.stateOf(await this.call<McOrderBody>('GET', `/order/${enc(p.reference)}`, undefined, 2), p);
    } catch (err) {
      // The gateway only knows an order once the buyer has tried to pay.
      if (err instanceof GatewayError && err.kind === 'rejected' && /find order/i.test(err.body ?? ''))
        return {
          status: 'pending',
          captured: zeroOf(p),
          refunded: zeroOf(p),
          detail: { order: 'not at the gateway yet' },
        };
      throw err;
    }
  }

  async capture(p: ProviderPayment, amount: Money): Promise<ProviderState> {
    const answer = await this.call<{ order?: McOrderBody }>(
      'PUT',
      `/order/${enc(p.reference)}/transaction/capture-1`,
      { apiOperation: 'CAPTURE', transaction: { amount: toMajorString(amount), currency: amount.currency } },
      2,
    );
    return this.stateOf(answer.order ?? {}, p);
  }

  async void(p: ProviderPayment): Promise<ProviderState> {
    const order = await this.call<McOrderBody>('GET', `/order/${enc(p.reference)}`, undefined, 2).catch(
      (err) => {
        if (err instanceof GatewayError && /find order/i.test(err.body ?? '')) return undefined;
        throw err;
      },
    );
    if (!order)
      return {
        status: 'voided',
        captured: zeroOf(p),
        refunded: zeroOf(p),
        detail: { void: 'no order at the gateway' },
      };
    if (order.status !== 'AUTHORIZED') return this.stateOf(order, p);
    const target = order.transaction?.find(
      (t) => t.transaction?.type === 'AUTHORIZATION' && t.result === 'SUCCESS',
    );
    const answer = await this.call<{ order?: McOrderBody }>(
      'PUT',
      `/order/${enc(p.reference)}/transaction/void-1`,
      { apiOperation: 'VOID', transaction: { targetTransactionId: target?.transaction?.id } },
      2,
    );
    return this.stateOf(answer.order ?? {}, p);
  }

  async refund(p: ProviderPayment, r: ProviderRefund): Promise<ProviderRefundResult> {
    try {
      const answer = await this.call<{ result?: string; response?: { gatewayCode?: string } }>(
        'PUT',
        `/order/${enc(p.reference)}/transaction/${enc(r.key)}`,
        {
          apiOperation: 'REFUND',
          transaction: { amount: toMajorString(r.amount), currency: r.amount.currency },
        },
        2,
      );
      const status =
        answer.result === 'SUCCESS' ? 'succeeded' : answer.result === 'PENDING' ? 'pending' : 'failed';
      return {
        status,
        providerRef: r.key,
        error: status === 'failed' ? answer.response?.gatewayCode : undefined,
      };
    } catch (err) {
      if (err instanceof GatewayError && err.kind === 'rejected')
        return { status: 'failed', providerRef: r.key, error: explanation(err) };
      throw err;
    }
  }

  parseWebhook(w: IncomingWebhook): WebhookNotice {
    if (!sameSecret(headerValue(w.headers, 'x-notification-secret'), this.s.notificationSecret))
      throw new WebhookRejected('X-Notification-Secret does not match');
    let body: { order?: { id?: string }; transaction?: { id?: string; type?: string }; result?: string };
    try {
      body = JSON.parse(w.rawBody.toString('utf8'));
    } catch {
      throw new WebhookRejected('the notification is not JSON');
    }
    const orderId = body.order?.id;
    const txnId = body.transaction?.id;
    if (!orderId || !txnId || !body.result)
      throw new WebhookRejected('the notification names no order, transaction or result');
    return {
      dedupKey: `${orderId}:${txnId}:${body.result}`,
      reference: orderId,
      detail: { transaction: txnId, type: body.transaction?.type, result: body.result },
    };
  }

  answerWebhook(outcome: WebhookOutcome): WebhookAnswer {
    // Anything but 2xx makes the gateway deliver again, which is what an error wants.
    const status = outcome.kind === 'error' ? 500 : 200;
    return {
      status,
      contentType: 'application/json',
      body: JSON.stringify({ received: outcome.kind !== 'error' }),
    };
  }

  private stateOf(order: McOrderBody, p: ProviderPayment): ProviderState {
    const currency = order.currency ?? p.amount.currency;
    const amount = (v?: string) => (v ? fromMajorString(v, currency) : { amount: 0, currency });
    const captured = amount(order.totalCapturedAmount);
    const refunded = amount(order.totalRefundedAmount);
    const last = order.transaction?.at(-1);
    const declined = last?.result === 'FAILURE' ? (last.response?.gatewayCode ?? 'DECLINED') : undefined;
    let status: PaymentStatus;
    switch (order.status) {
      case 'CAPTURED':
      case 'PARTIALLY_CAPTURED':
      case 'PARTIALLY_REFUNDED':
      case 'REFUNDED':
        status = paidStatus(captured.amount, refunded.amount);
        break;
      case 'AUTHORIZED':
        status = 'authorized';
        break;
      case 'CANCELLED':
      case 'VOIDED':
        status = 'voided';
        break;
      case 'AUTHENTICATION_INITIATED':
      case 'AUTHENTICATION_AVAILABLE':
        status = 'requires_action';
        break;
      default:
        // FAILED, DECLINED, INITIATED…: nothing paid, and the buyer may try again on the same order.
        status = order.result === 'UNKNOWN' || order.result === 'ERROR' ? 'unknown' : 'pending';
    }
    return {
      status,
      captured,
      refunded,
      declined,
      detail: { orderStatus: order.status, result: order.result },
    };
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    retries = 0,
  ): Promise<T> {
    const res = await gatewayCall({
      method,
      url: `${this.s.baseUrl}/api/rest/version/${API_VERSION}/merchant/${enc(this.s.merchantId)}${path}`,
      headers: {
        authorization: basicAuth(`merchant.${this.s.merchantId}`, this.s.apiPassword),
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: this.timeoutMs,
      retries,
    });
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new GatewayError(
        'rejected',
        `${method} ${path} answered something that is not JSON`,
        res.status,
        res.text,
      );
    }
  }
}

const enc = encodeURIComponent;
const zeroOf = (p: ProviderPayment): Money => ({ amount: 0, currency: p.amount.currency });

function explanation(err: GatewayError): string {
  try {
    const body = JSON.parse(err.body ?? '{}');
    return [body.error?.explanation, body.error?.field].filter(Boolean).join(': ') || err.message;
  } catch {
    return err.message;
  }
}
