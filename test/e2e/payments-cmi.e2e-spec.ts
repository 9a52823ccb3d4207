import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
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

const { w, service } = usePaymentsWorld();

/** CMI's ver3 HASH written out again, independently of the lib, from the gateway's description. */
function referenceHash(fields: Record<string, string>, storeKey: string): string {
  const esc = (v: string) => v.trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const names = Object.keys(fields)
    .filter((n) => !['hash', 'encoding'].includes(n.toLowerCase()))
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const plain = [...names.map((n) => esc(fields[n])), esc(storeKey)].join('|');
  return createHash('sha512').update(plain, 'utf8').digest('base64');
}

/** The buyer's browser posts the signed form to CMI, then decides on CMI's page. */
async function pay(fields: Record<string, string>, decision: 'approve' | 'decline'): Promise<string> {
  const gate = await fetch(`${w.sim.url}/fim/est3Dgate`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  expect(gate.status).toBe(200);
  const token = /action="\/fim\/est3Dgate\/([a-f0-9]+)"/.exec(await gate.text())![1];
  const done = await fetch(`${w.sim.url}/fim/est3Dgate/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `decision=${decision}`,
  });
  return done.text();
}

async function opened(amount = 125050) {
  const p = await openPayment(w.t, { provider: 'cmi', amount: { amount, currency: 'MAD' } });
  const view = await startSession(w.t, p.id);
  return { ...p, fields: view.session!.fields as Record<string, string>, view };
}

const postCallback = (fields: Record<string, string>) =>
  w.t
    .http()
    .post('/v1/payments/webhooks/cmi')
    .set('content-type', 'application/x-www-form-urlencoded')
    .send(new URLSearchParams(fields).toString());

describe('CMI 3D_PAY_HOSTING', () => {
  it('answers a form to post to the gateway, signed with the ver3 HASH', async () => {
    const p = await opened(125050);

    expect(p.view.session).toMatchObject({
      provider: 'cmi',
      kind: 'form-post',
      method: 'POST',
      action: `${w.sim.url}/fim/est3Dgate`,
    });
    expect(p.fields).toMatchObject({
      clientid: TEST_GATEWAY.cmiClientId,
      storetype: '3D_PAY_HOSTING',
      TranType: 'PreAuth',
      amount: '1250.50',
      currency: '504',
      oid: p.reference,
      okUrl: `${w.publicUrl}/v1/payments/${p.id}/return`,
      failUrl: `${w.publicUrl}/v1/payments/${p.id}/return`,
      callbackUrl: `${w.publicUrl}/v1/payments/webhooks/cmi`,
      lang: 'fr',
      hashAlgorithm: 'ver3',
    });
    expect(p.fields.HASH).toBe(referenceHash(p.fields, TEST_GATEWAY.cmiStoreKey));
    expect(p.fields.HASH).not.toBe(referenceHash(p.fields, 'another-store-key'));
  });

  it('captures on an approved callback by answering ACTION=POSTAUTH, and sends the buyer back', async () => {
    const p = await opened();

    const page = await pay(p.fields, 'approve');

    const order = w.sim.cmi.orders.get(p.reference)!;
    expect(order.callbackAnswers).toEqual(['ACTION=POSTAUTH']);
    expect(order.status).toBe('C');
    expect(await paymentRow(w.t, p.id)).toMatchObject({
      status: 'captured',
      captured_amount: '125050',
      outcome: 'captured',
    });
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
    expect(page).toContain(`action="${w.publicUrl}/v1/payments/${p.id}/return"`);
    const back = await w.t.http().post(`/v1/payments/${p.id}/return`).type('form').send({ oid: p.reference });
    expect(back.text).toContain('Payment captured');
  });

  it('acknowledges a declined callback with APPROVED and still takes a later success for the same oid', async () => {
    const p = await opened();

    await pay(p.fields, 'decline');
    const afterDecline = await paymentRow(w.t, p.id);
    await pay(p.fields, 'approve');

    expect(w.sim.cmi.orders.get(p.reference)!.callbackAnswers).toEqual(['APPROVED', 'ACTION=POSTAUTH']);
    expect(afterDecline).toMatchObject({
      status: 'requires_action',
      last_error: 'Refusée, contactez votre banque',
    });
    expect((await paymentRow(w.t, p.id)).status).toBe('captured');
    expect((await paymentEvents(w.t, p.id)).map((e) => e.dedup_key?.split(':').at(-1))).toEqual(['05', '00']);
  });

  it('refuses callbacks with a bad HASH, fails one for another amount, and ignores a replay', async () => {
    const p = await opened(40000);
    await pay(p.fields, 'approve');
    await w.sim.idle();
    const genuine = Object.fromEntries(
      new URLSearchParams(w.sim.deliveries.find((d) => d.body.includes(p.reference))!.body),
    );

    const tampered = await postCallback({ ...genuine, amount: '1.00' });
    const unsigned = await postCallback({ ...genuine, HASH: referenceHash(genuine, 'guessed-key') });
    const otherAmount = await postCallback(
      w.sim.cmi.signedCallback(genuine, { amount: '1.00', TransId: 'other-transaction' }),
    );
    const replay = await postCallback(genuine);

    expect([tampered.status, unsigned.status]).toEqual([401, 401]);
    expect(otherAmount.text).toBe('FAILURE');
    expect(replay.text).toBe('ACTION=POSTAUTH');
    expect(await paymentEvents(w.t, p.id)).toHaveLength(1);
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('takes MAD only', async () => {
    const problem = await problemOf(
      openPayment(w.t, { provider: 'cmi', amount: { amount: 9000, currency: 'EUR' } }),
    );
    expect(problem.errors).toEqual([
      { field: 'paymentProvider', message: 'cmi cannot take payments in EUR (CMI charges in MAD only)' },
    ]);
  });

  it('captures an approval whose callback never arrived when the payment is retrieved', async () => {
    const p = await opened(70000);
    // The callback cannot reach us: CMI is left holding a pre-authorisation.
    const unreachable: Record<string, string> = {
      ...p.fields,
      callbackUrl: 'http://127.0.0.1:9/unreachable',
    };
    unreachable.HASH = referenceHash(unreachable, TEST_GATEWAY.cmiStoreKey);
    await pay(unreachable, 'approve');
    expect(w.sim.cmi.orders.get(p.reference)!.status).toBe('A');
    expect((await paymentRow(w.t, p.id)).status).toBe('requires_action');

    const view = await service().refresh(p.id);

    expect(view.status).toBe('captured');
    expect(w.sim.cmi.orders.get(p.reference)).toMatchObject({ status: 'C', captured: 70000 });
  });

  it('leaves a capture whose answer was lost unknown, until a retrieve settles it', async () => {
    const p = await opened(80000);
    const unreachable: Record<string, string> = {
      ...p.fields,
      callbackUrl: 'http://127.0.0.1:9/unreachable',
    };
    unreachable.HASH = referenceHash(unreachable, TEST_GATEWAY.cmiStoreKey);
    await pay(unreachable, 'approve');
    // The status query passes; the PostAuth is done by CMI but its answer comes too late.
    w.sim.fail({ method: 'POST', path: '/fim/api', times: 1 });
    w.sim.fail({
      method: 'POST',
      path: '/fim/api',
      requestBody: 'PostAuth',
      delayMs: 2_000,
      afterProcessing: true,
    });

    expect((await service().refresh(p.id)).status).toBe('unknown');
    expect(w.sim.cmi.orders.get(p.reference)!.status).toBe('C');

    expect((await service().refresh(p.id)).status).toBe('captured');
    expect(await outboxEvents(w.t, p.id)).toEqual(['payment.captured']);
  });

  it('refuses a form the gateway cannot verify', async () => {
    const p = await opened();
    const gate = await fetch(`${w.sim.url}/fim/est3Dgate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...p.fields, amount: '1.00' }).toString(),
    });
    expect(gate.status).toBe(400);
    expect(await gate.text()).toContain('Hash mismatch');
  });

  it('refunds one at a time and, after a lost answer, checks the totals instead of crediting twice', async () => {
    const p = await opened(60000);
    await pay(p.fields, 'approve');
    // A refund is a status query, then a Credit: the query passes, the Credit is done but answered too late.
    w.sim.fail({ method: 'POST', path: '/fim/api', times: 1 });
    w.sim.fail({ method: 'POST', path: '/fim/api', delayMs: 2_000, afterProcessing: true, times: 1 });

    const first = await service().refund({
      paymentId: p.id,
      refundId: 'rug-1',
      amount: { amount: 25000, currency: 'MAD' },
      reason: 'late',
    });
    const meanwhile = await problemOf(
      service().refund({
        paymentId: p.id,
        refundId: 'rug-2',
        amount: { amount: 1000, currency: 'MAD' },
        reason: 'x',
      }),
    );
    const retried = await service().refund({
      paymentId: p.id,
      refundId: 'rug-1',
      amount: { amount: 25000, currency: 'MAD' },
      reason: 'late',
    });

    expect(first.status).toBe('pending');
    expect(meanwhile.status).toBe(409);
    expect(retried).toMatchObject({ id: first.id, status: 'succeeded' });
    const order = w.sim.cmi.orders.get(p.reference)!;
    expect(order.refunded).toBe(25000);
    expect(order.transactions.filter((t) => t.type === 'Credit')).toHaveLength(1);
    expect(await paymentRow(w.t, p.id)).toMatchObject({
      status: 'partially_refunded',
      refunded_amount: '25000',
    });
  });
});
