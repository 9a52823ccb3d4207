import { describe, expect, it } from '@jest/globals';
import {
  openPayment,
  outboxEvents,
  paymentEvents,
  paymentRow,
  usePaymentsWorld,
  startSession,
  TEST_GATEWAY,
} from '../support/payments-fixtures';
import { eventually } from '../support/wait';

const { w, service, status } = usePaymentsWorld();

async function buyerDecides(intentId: string, decision: 'approve' | 'decline'): Promise<Response> {
  return fetch(`${w.sim.url}/stripe/pay/${intentId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, return_url: `${w.publicUrl}/v1/payments/x/return` }).toString(),
    redirect: 'manual',
  });
}

const postEvent = (payload: string, signature: string) =>
  w.t
    .http()
    .post('/v1/payments/webhooks/stripe')
    .set({ 'content-type': 'application/json', 'stripe-signature': signature })
    .send(payload);

describe('Stripe PaymentIntents', () => {
  it('creates one PaymentIntent per payment, in minor units, grouped by order, with an idempotency key', async () => {
    const p = await openPayment(w.t, { provider: 'stripe', amount: { amount: 8650, currency: 'EUR' } });
    // The first answer is lost: the SDK asks again with the same key and gets the same intent.
    w.sim.fail({ method: 'POST', path: '/v1/payment_intents', delayMs: 2_000, afterProcessing: true });

    const view = await startSession(w.t, p.id);
    const again = await startSession(w.t, p.id);

    const intentId = view.session!.paymentIntentId as string;
    expect(again.session).toEqual(view.session);
    expect([...w.sim.stripe.intents.values()].filter((i) => i.metadata.paymentId === p.id)).toHaveLength(1);
    expect(w.sim.stripe.intents.get(intentId)).toMatchObject({
      amount: 8650,
      currency: 'eur',
      transfer_group: p.reference,
      metadata: { paymentId: p.id, reference: p.reference },
    });
    expect(view.session).toMatchObject({ provider: 'stripe', kind: 'payment-intent', simulated: false });
    expect(view.session!.clientSecret).toMatch(new RegExp(`^${intentId}_secret_`));
    expect((await paymentRow(w.t, p.id)).provider_ref).toBe(intentId);
  });

  it('marks the payment captured on a signed payment_intent.succeeded, once', async () => {
    const p = await openPayment(w.t, { provider: 'stripe', amount: { amount: 12000, currency: 'USD' } });
    const intentId = (await startSession(w.t, p.id)).session!.paymentIntentId as string;

    const back = await buyerDecides(intentId, 'approve');

    expect(back.status).toBe(303);
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    await w.sim.idle();
    const succeeded = w.sim.stripe.events.find(
      (e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intentId,
    )!;
    const events = await paymentEvents(w.t, p.id);
    expect(events.map((e) => e.dedup_key)).toEqual([succeeded.id]);
    expect(await paymentRow(w.t, p.id)).toMatchObject({ captured_amount: '12000', outcome: 'captured' });

    const payload = JSON.stringify(succeeded);
    const replay = await postEvent(payload, w.sim.stripe.sign(payload));
    expect(replay.status).toBe(200);
    expect(await paymentEvents(w.t, p.id)).toHaveLength(1);
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('refuses events signed with another secret, stale signatures and tampered bodies', async () => {
    const p = await openPayment(w.t, { provider: 'stripe' });
    const intentId = (await startSession(w.t, p.id)).session!.paymentIntentId as string;
    const forgedEvent = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: {
        object: { ...w.sim.stripe.intents.get(intentId), status: 'succeeded', amount_received: 90000 },
      },
    });

    const otherSecret = await postEvent(forgedEvent, w.sim.stripe.sign(forgedEvent, 'whsec_someoneelse'));
    const stale = await postEvent(
      forgedEvent,
      w.sim.stripe.sign(forgedEvent, TEST_GATEWAY.stripeWebhookSecret, Math.floor(Date.now() / 1000) - 600),
    );
    const tampered = await postEvent(forgedEvent.replace('90000', '1'), w.sim.stripe.sign(forgedEvent));
    const unsigned = await w.t
      .http()
      .post('/v1/payments/webhooks/stripe')
      .set('content-type', 'application/json')
      .send(forgedEvent);

    expect([otherSecret.status, stale.status, tampered.status, unsigned.status]).toEqual([
      401, 401, 401, 401,
    ]);
    expect(await status(p.id)).toBe('requires_action');
    expect(await paymentEvents(w.t, p.id)).toHaveLength(0);
  });

  it('keeps a decline open and lets an out-of-order failure event change nothing once paid', async () => {
    const p = await openPayment(w.t, { provider: 'stripe' });
    const intentId = (await startSession(w.t, p.id)).session!.paymentIntentId as string;
    await buyerDecides(intentId, 'decline');
    await eventually(
      async () => (await paymentRow(w.t, p.id)).last_error === 'card_declined',
      10_000,
      'decline seen',
    );
    expect(await status(p.id)).toBe('requires_action');
    await buyerDecides(intentId, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    await w.sim.idle();

    // The failure event is delivered again, late, after the success.
    const failed = w.sim.stripe.events.find(
      (e) => e.type === 'payment_intent.payment_failed' && e.data.object.id === intentId,
    )!;
    const late = JSON.stringify({ ...failed, id: 'evt_late_failure' });
    expect((await postEvent(late, w.sim.stripe.sign(late))).status).toBe(200);

    expect(await status(p.id)).toBe('captured');
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('refunds with our refund id as idempotency key: retried after timeouts, it pays once', async () => {
    const p = await openPayment(w.t, { provider: 'stripe', amount: { amount: 20000, currency: 'EUR' } });
    const intentId = (await startSession(w.t, p.id)).session!.paymentIntentId as string;
    await buyerDecides(intentId, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    // Both the call and the SDK's own retry time out, after Stripe did the refund.
    w.sim.fail({ method: 'POST', path: '/v1/refunds', delayMs: 2_000, afterProcessing: true, times: 2 });

    const input = {
      paymentId: p.id,
      refundId: 'r-zellige',
      amount: { amount: 7500, currency: 'EUR' },
      reason: 'one tile cracked',
    };
    const first = await service().refund(input);
    const retried = await service().refund(input);

    expect(first.status).toBe('pending');
    expect(retried).toEqual({ id: first.id, status: 'succeeded', amount: { amount: 7500, currency: 'EUR' } });
    const refunds = [...w.sim.stripe.refunds.values()].filter((r) => r.payment_intent === intentId);
    expect(refunds).toHaveLength(1);
    expect(w.sim.stripe.charges.get(w.sim.stripe.intents.get(intentId)!.latest_charge)!.amount_refunded).toBe(
      7500,
    );
    await eventually(
      async () => (await paymentRow(w.t, p.id)).refunded_amount === '7500',
      5_000,
      'refund recorded',
    );
    expect(await status(p.id)).toBe('partially_refunded');
  });

  it('resolves a payment from a retrieve when the webhook never came, and survives a 500', async () => {
    const p = await openPayment(w.t, { provider: 'stripe' });
    const intentId = (await startSession(w.t, p.id)).session!.paymentIntentId as string;
    w.sim.stripe.webhookUrl = undefined;
    try {
      await w.sim.stripe.pay(intentId, 'approve');
    } finally {
      w.sim.stripe.webhookUrl = `${w.publicUrl}/v1/payments/webhooks/stripe`;
    }
    w.sim.fail({ method: 'GET', path: `/v1/payment_intents/${intentId}`, status: 500, times: 2 });

    expect((await service().refresh(p.id)).status).toBe('requires_action');
    expect((await service().refresh(p.id)).status).toBe('captured');
  });
});
