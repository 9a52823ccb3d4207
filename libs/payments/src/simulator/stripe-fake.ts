import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { SimulatorContext } from './gateway-simulator';
import {
  formFields,
  header,
  html,
  json,
  nestedForm,
  paymentPage,
  redirect,
  type SimRequest,
  type SimResponse,
} from './http-kit';
import {
  CURRENCIES,
  newCharge,
  newIntent,
  newRefund,
  newTransfer,
  now,
  stripeError,
  stripeId,
  type Obj,
} from './stripe-objects';

export interface StripeFakeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where events are posted (the endpoint configured in the Stripe dashboard). */
  webhookUrl?: string;
}

/** The part of Stripe's API Souk uses: PaymentIntents, refunds, transfers, signed webhook events. */
export class StripeFake {
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly transfers = new Map<string, Obj>();
  readonly events: Obj[] = [];
  /** Connected accounts that do not exist (a transfer to them is refused). */
  readonly missingAccounts = new Set<string>();
  private readonly idempotency = new Map<string, { fingerprint: string; response: SimResponse }>();
  private readonly signer = new Stripe('sk_test_signer');

  constructor(
    private readonly ctx: SimulatorContext,
    private readonly opts: StripeFakeOptions,
  ) {}

  set webhookUrl(url: string | undefined) {
    this.opts.webhookUrl = url;
  }

  async handle(req: SimRequest): Promise<SimResponse | undefined> {
    const page = /^\/stripe\/pay\/(pi_[A-Za-z0-9]+)$/.exec(req.path);
    if (page && req.method === 'GET') return this.showPage(page[1], req.query.get('return_url') ?? '');
    if (page && req.method === 'POST') {
      const f = formFields(req.text);
      const back = await this.pay(page[1], f.decision === 'approve' ? 'approve' : 'decline');
      if (!f.return_url) return html(200, `<p>Payment ${back.status}.</p>`);
      const url = new URL(f.return_url);
      url.searchParams.set('payment_intent', page[1]);
      url.searchParams.set('redirect_status', back.status === 'succeeded' ? 'succeeded' : 'failed');
      return redirect(url.toString());
    }
    if (!req.path.startsWith('/v1/')) return undefined;
    if (header(req, 'authorization') !== `Bearer ${this.opts.secretKey}`)
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided');
    if (req.method === 'GET') return this.get(req);
    if (req.method !== 'POST') return stripeError(405, 'invalid_request_error', 'Method not allowed');
    const key = header(req, 'idempotency-key');
    const fingerprint = createHash('sha256').update(`${req.path}\n${req.text}`).digest('hex');
    if (key) {
      const seen = this.idempotency.get(key);
      if (seen && seen.fingerprint !== fingerprint)
        return stripeError(
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        );
      if (seen)
        return { ...seen.response, headers: { ...seen.response.headers, 'idempotent-replayed': 'true' } };
    }
    const response = await this.post(req.path, nestedForm(req.text));
    if (key && response.status < 500) this.idempotency.set(key, { fingerprint, response });
    return response;
  }

  /** The buyer's decision on the simulated page (tests call it directly). */
  async pay(intentId: string, decision: 'approve' | 'decline'): Promise<Obj> {
    const pi = this.intents.get(intentId);
    if (!pi) throw new Error(`no PaymentIntent ${intentId}`);
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status))
      return pi;
    if (decision === 'decline') {
      pi.status = 'requires_payment_method';
      pi.last_payment_error = {
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      };
      await this.emit('payment_intent.payment_failed', pi);
      return pi;
    }
    const charge = newCharge(pi);
    this.charges.set(charge.id, charge);
    pi.latest_charge = charge.id;
    pi.last_payment_error = null;
    pi.status = pi.capture_method === 'manual' ? 'requires_capture' : 'succeeded';
    pi.amount_received = charge.amount_captured;
    await this.emit(
      pi.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.amount_capturable_updated',
      pi,
    );
    return pi;
  }

  /** Signs an event body for this fake's webhook secret (tests forge and replay with it). */
  sign(payload: string, secret = this.opts.webhookSecret, timestamp?: number): string {
    return this.signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  async emit(type: string, object: Obj): Promise<Obj> {
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: JSON.parse(JSON.stringify(object)) },
    };
    this.events.push(event);
    if (this.opts.webhookUrl) {
      const payload = JSON.stringify(event);
      void this.ctx.deliver(
        'stripe',
        this.opts.webhookUrl,
        { 'content-type': 'application/json', 'stripe-signature': this.sign(payload) },
        payload,
      );
    }
    return event;
  }

  private showPage(intentId: string, returnUrl: string): SimResponse {
    const pi = this.intents.get(intentId);
    if (!pi) return html(404, '<p>No such payment.</p>');
    const amount = `${(pi.amount / 100).toFixed(2)} ${String(pi.currency).toUpperCase()}`;
    const extra = `<input type="hidden" name="return_url" value="${returnUrl.replace(/"/g, '&quot;')}">`;
    return html(
      200,
      paymentPage({
        gateway: 'Stripe',
        merchant: pi.description ?? 'Merchant',
        reference: pi.transfer_group ?? pi.id,
        amount,
        action: `/stripe/pay/${intentId}`,
        extra,
      }),
    );
  }

  private get(req: SimRequest): SimResponse {
    const pi = /^\/v1\/payment_intents\/([^/]+)$/.exec(req.path);
    if (pi) {
      const intent = this.intents.get(pi[1]);
      if (!intent)
        return stripeError(404, 'invalid_request_error', `No such payment_intent: '${pi[1]}'`, {
          code: 'resource_missing',
          param: 'intent',
        });
      const expand = [...req.query.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v);
      return json(200, expand.includes('latest_charge') ? this.expandCharge(intent) : intent);
    }
    const re = /^\/v1\/refunds\/([^/]+)$/.exec(req.path);
    if (re && this.refunds.has(re[1])) return json(200, this.refunds.get(re[1]));
    return stripeError(404, 'invalid_request_error', 'Unrecognized request URL', {
      code: 'resource_missing',
    });
  }

  private async post(path: string, p: Obj): Promise<SimResponse> {
    if (path === '/v1/payment_intents') return this.createIntent(p);
    const action = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(path);
    if (action) return this.intentAction(action[1], action[2] as 'capture' | 'cancel', p);
    if (path === '/v1/refunds') return this.createRefund(p);
    if (path === '/v1/transfers') return this.createTransfer(p);
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (POST: ${path})`);
  }

  private createIntent(p: Obj): SimResponse {
    const amount = Number(p.amount);
    if (!Number.isInteger(amount) || amount < 1)
      return stripeError(400, 'invalid_request_error', 'Invalid integer', { param: 'amount' });
    if (!CURRENCIES.includes(String(p.currency)))
      return stripeError(400, 'invalid_request_error', `Invalid currency: ${p.currency}`, {
        param: 'currency',
      });
    const intent = newIntent(p, amount);
    this.intents.set(intent.id, intent);
    return json(200, intent);
  }

  private async intentAction(intentId: string, action: 'capture' | 'cancel', p: Obj): Promise<SimResponse> {
    const pi = this.intents.get(intentId);
    if (!pi)
      return stripeError(404, 'invalid_request_error', `No such payment_intent: '${intentId}'`, {
        code: 'resource_missing',
      });
    if (action === 'cancel') {
      if (['succeeded', 'canceled'].includes(pi.status))
        return stripeError(
          400,
          'invalid_request_error',
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
          { code: 'payment_intent_unexpected_state' },
        );
      pi.status = 'canceled';
      pi.cancellation_reason = p.cancellation_reason ?? 'requested_by_customer';
      await this.emit('payment_intent.canceled', pi);
      return json(200, pi);
    }
    if (pi.status !== 'requires_capture')
      return stripeError(
        400,
        'invalid_request_error',
        `This PaymentIntent could not be captured because it has a status of ${pi.status}.`,
        { code: 'payment_intent_unexpected_state' },
      );
    const charge = this.charges.get(pi.latest_charge)!;
    charge.amount_captured = p.amount_to_capture ? Number(p.amount_to_capture) : pi.amount;
    pi.amount_received = charge.amount_captured;
    pi.status = 'succeeded';
    await this.emit('payment_intent.succeeded', pi);
    return json(200, pi);
  }

  private async createRefund(p: Obj): Promise<SimResponse> {
    const pi = this.intents.get(p.payment_intent);
    const charge = pi && this.charges.get(pi.latest_charge);
    if (!pi || !charge || pi.status !== 'succeeded')
      return stripeError(
        400,
        'invalid_request_error',
        'This PaymentIntent has no successful charge to refund.',
        { param: 'payment_intent' },
      );
    const amount = p.amount ? Number(p.amount) : charge.amount_captured - charge.amount_refunded;
    if (!(amount > 0) || amount > charge.amount_captured - charge.amount_refunded)
      return stripeError(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${charge.amount_captured - charge.amount_refunded})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    const refund = newRefund(p, pi, charge, amount);
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    await this.emit('charge.refunded', charge);
    return json(200, refund);
  }

  private createTransfer(p: Obj): SimResponse {
    const amount = Number(p.amount);
    if (!Number.isInteger(amount) || amount < 1)
      return stripeError(400, 'invalid_request_error', 'Invalid integer', { param: 'amount' });
    if (!/^acct_/.test(String(p.destination)) || this.missingAccounts.has(p.destination))
      return stripeError(400, 'invalid_request_error', `No such destination: '${p.destination}'`, {
        code: 'resource_missing',
        param: 'destination',
      });
    const transfer = newTransfer(p, amount);
    this.transfers.set(transfer.id, transfer);
    return json(200, transfer);
  }

  private expandCharge(object: Obj): Obj {
    if (object.object !== 'payment_intent' || !object.latest_charge) return object;
    return { ...object, latest_charge: this.charges.get(object.latest_charge) ?? object.latest_charge };
  }
}
