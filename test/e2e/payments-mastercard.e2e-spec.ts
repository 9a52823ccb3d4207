import { describe, expect, it } from '@jest/globals';
import {
  openPayment,
  outboxEvents,
  paymentEvents,
  paymentRow,
  problemOf,
  usePaymentsWorld,
  startSession,
  TEST_GATEWAY,
} from '../support/payments-fixtures';
import { eventually } from '../support/wait';

const { w, service, status } = usePaymentsWorld();

/** The buyer on the gateway's hosted page, then back on our return route. */
async function buyerDecides(sessionId: string, decision: 'approve' | 'decline'): Promise<string> {
  const res = await fetch(`${w.sim.url}/checkout/pay/${sessionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `decision=${decision}`,
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

describe('Mastercard Gateway hosted checkout', () => {
  it('opens a session with basic auth and the order in major units, once however often it is asked', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard', amount: { amount: 123456, currency: 'EUR' } });
    const first = await startSession(w.t, p.id);
    const again = await startSession(w.t, p.id);

    expect(first.session).toMatchObject({
      provider: 'mastercard',
      simulated: false,
      kind: 'hosted-checkout',
    });
    expect(first.session!.sessionId).toMatch(/^SESSION0002/);
    expect(again.session).toEqual(first.session);
    expect(w.sim.countRequests('POST', `/merchant/${TEST_GATEWAY.merchantId}/session`)).toBe(1);
    const session = w.sim.mastercard.sessions.get(first.session!.sessionId as string)!;
    expect(session.order).toMatchObject({ id: p.reference, amount: 123456, currency: 'EUR' });
    expect(session.operation).toBe('PURCHASE');
    expect(session.order.notificationUrl).toBe(`${w.publicUrl}/v1/payments/webhooks/mastercard`);
    expect(await status(p.id)).toBe('requires_action');
    // The rate the order used is kept with the payment.
    expect(await paymentRow(w.t, p.id)).toMatchObject({
      amount_mad: '1234560',
      rate_mad_per_unit: '10.81000000',
      rate_source: 'test',
    });
  });

  it('marks the payment captured once the notification is confirmed by retrieving the order', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard', amount: { amount: 90000, currency: 'MAD' } });
    const view = await startSession(w.t, p.id);
    const retrievesBefore = w.sim.countRequests('GET', `/order/${p.reference}`);

    const back = await buyerDecides(view.session!.sessionId as string, 'approve');

    expect(back).toMatch(new RegExp(`/v1/payments/${p.id}/return\\?resultIndicator=`));
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    expect(w.sim.countRequests('GET', `/order/${p.reference}`)).toBeGreaterThan(retrievesBefore);
    const row = await paymentRow(w.t, p.id);
    expect(row).toMatchObject({ captured_amount: '90000', refunded_amount: '0', outcome: 'captured' });
    const events = await paymentEvents(w.t, p.id);
    expect(events.filter((e) => e.dedup_key === `${p.reference}:1:SUCCESS`)).toHaveLength(1);
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);

    // The browser comes back too: a plain page (no order URL was given), the status retrieved again.
    const page = await w.t.http().get(new URL(back).pathname + new URL(back).search);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Payment captured');
  });

  it('ignores a replayed notification and refuses one without the right secret', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard' });
    const view = await startSession(w.t, p.id);
    await buyerDecides(view.session!.sessionId as string, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    await w.sim.idle();
    const delivery = w.sim.deliveries.find(
      (d) => d.provider === 'mastercard' && d.body.includes(p.reference),
    )!;
    const eventsBefore = await paymentEvents(w.t, p.id);

    const replay = await w.t
      .http()
      .post('/v1/payments/webhooks/mastercard')
      .set(delivery.headers)
      .send(delivery.body);
    const forged = await w.t
      .http()
      .post('/v1/payments/webhooks/mastercard')
      .set({ ...delivery.headers, 'x-notification-secret': 'not-the-secret-at-all' })
      .send(delivery.body.replace('"SUCCESS"', '"FAILURE"'));

    const unknownProvider = await w.t
      .http()
      .post('/v1/payments/webhooks/paypal')
      .set(delivery.headers)
      .send(delivery.body);

    expect(replay.status).toBe(200);
    expect(forged.status).toBe(401);
    expect(unknownProvider.status).toBe(404);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(await paymentEvents(w.t, p.id)).toHaveLength(eventsBefore.length);
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('keeps a declined payment open for another try, then takes the approval', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard' });
    const view = await startSession(w.t, p.id);
    await buyerDecides(view.session!.sessionId as string, 'decline');
    await eventually(
      async () => (await paymentRow(w.t, p.id)).last_error === 'DECLINED',
      10_000,
      'decline seen',
    );
    expect(await status(p.id)).toBe('requires_action');

    await buyerDecides(view.session!.sessionId as string, 'approve');

    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('answers 502 when the gateway fails to open a session, and opens it on the next try', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard' });
    w.sim.fail({ method: 'POST', path: '/session', status: 503, times: 2 });

    const problem = await problemOf(startSession(w.t, p.id));
    expect(problem).toMatchObject({ status: 502, title: 'The payment provider did not answer' });
    expect(problem.detail).toMatch(/^mastercard: .*answered 503/);
    expect((await paymentRow(w.t, p.id)).session).toBeNull();

    const view = await startSession(w.t, p.id);
    expect(view.session!.sessionId).toBeDefined();
  });

  it('leaves the payment as it was when retrieving it times out', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard' });
    const view = await startSession(w.t, p.id);
    // pay at the gateway without the notification reaching us, then make the retrieve hang
    const session = w.sim.mastercard.sessions.get(view.session!.sessionId as string)!;
    session.order.notificationUrl = undefined;
    await w.sim.mastercard.pay(session.id, 'approve');
    w.sim.fail({ method: 'GET', path: `/order/${p.reference}`, delayMs: 2_500, times: 3 });

    const started = Date.now();
    const after = await service().refresh(p.id);
    expect(Date.now() - started).toBeLessThan(2_400);
    expect(after.status).toBe('requires_action');

    w.sim.clearFaults();
    expect((await service().refresh(p.id)).status).toBe('captured');
  });

  it('waits as told by Retry-After when the gateway answers 429, then retrieves', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard' });
    const view = await startSession(w.t, p.id);
    const session = w.sim.mastercard.sessions.get(view.session!.sessionId as string)!;
    session.order.notificationUrl = undefined;
    await w.sim.mastercard.pay(session.id, 'approve');
    w.sim.fail({
      method: 'GET',
      path: `/order/${p.reference}`,
      status: 429,
      headers: { 'retry-after': '1' },
    });
    const before = w.sim.countRequests('GET', `/order/${p.reference}`);

    const started = Date.now();
    expect((await service().refresh(p.id)).status).toBe('captured');

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(w.sim.countRequests('GET', `/order/${p.reference}`) - before).toBe(2);
  });

  it('refunds with our own transaction id, so a refund retried after a timeout pays once', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard', amount: { amount: 50000, currency: 'USD' } });
    const view = await startSession(w.t, p.id);
    await buyerDecides(view.session!.sessionId as string, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    w.sim.fail({ method: 'PUT', path: '/transaction/refund-', delayMs: 2_000, afterProcessing: true });

    const first = await service().refund({
      paymentId: p.id,
      refundId: 'refund-of-bowl',
      amount: { amount: 20000, currency: 'USD' },
      reason: 'bowl arrived broken',
    });
    expect(first.status).toBe('pending');
    const retried = await service().refund({
      paymentId: p.id,
      refundId: 'refund-of-bowl',
      amount: { amount: 20000, currency: 'USD' },
      reason: 'bowl arrived broken',
    });

    expect(retried).toEqual({
      id: first.id,
      status: 'succeeded',
      amount: { amount: 20000, currency: 'USD' },
    });
    const order = w.sim.mastercard.orders.get(p.reference)!;
    expect(order.transactions.filter((t) => t.type === 'REFUND')).toHaveLength(1);
    expect(order.status).toBe('PARTIALLY_REFUNDED');
    expect(await paymentRow(w.t, p.id)).toMatchObject({
      status: 'partially_refunded',
      refunded_amount: '20000',
    });
    const { rows } = await w.t.db.query(`SELECT status, attempts FROM payment_refund WHERE id = $1`, [
      first.id,
    ]);
    expect(rows[0]).toEqual({ status: 'succeeded', attempts: 2 });
  });

  it('refuses a refund above what is left, and never moves a refunded payment back', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard', amount: { amount: 30000, currency: 'MAD' } });
    const view = await startSession(w.t, p.id);
    await buyerDecides(view.session!.sessionId as string, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');

    const tooMuch = await problemOf(
      service().refund({
        paymentId: p.id,
        refundId: 'too-much',
        amount: { amount: 30001, currency: 'MAD' },
        reason: 'x',
      }),
    );
    expect(tooMuch.errors).toEqual([
      { field: 'amount.amount', message: 'exceeds what can still be refunded (30000 minor units)' },
    ]);
    const all = await service().refund({
      paymentId: p.id,
      refundId: 'all',
      amount: { amount: 30000, currency: 'MAD' },
      reason: 'x',
    });
    expect(all.status).toBe('succeeded');
    await w.sim.idle();
    // The old PAYMENT notification arrives late: retrieving shows the refund, nothing goes back.
    const late = w.sim.deliveries.find((d) => d.body.includes(p.reference) && d.body.includes('"PAYMENT"'))!;
    await w.t
      .http()
      .post('/v1/payments/webhooks/mastercard')
      .set(late.headers)
      .send(late.body.replace('"id":"1"', '"id":"1b"'));

    expect(await paymentRow(w.t, p.id)).toMatchObject({ status: 'refunded', refunded_amount: '30000' });
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured', 'payment.refunded']);
  });
});
