import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type Actor, signUp } from '../support/actors';
import {
  checkoutBody,
  givenCart,
  givenShop,
  insertQuoteOption,
  lyon,
  orderRow,
  pinTodaysRates,
  type Shop,
} from '../support/orders-fixtures';
import { type PaymentsWorld, startPaymentsWorld } from '../support/payments-fixtures';
import { eventually } from '../support/wait';

let w: PaymentsWorld;
let fes: Shop;
let azilal: Shop;
let admin: Actor;
beforeAll(async () => {
  w = await startPaymentsWorld();
  fes = await givenShop(w.t, { name: 'Fès zellige', price: 45000, stock: 100 });
  azilal = await givenShop(w.t, { name: 'Azilal carpets', price: 380000, stock: 100 });
  admin = await signUp(w.t, { name: 'Admin', admin: true });
  await pinTodaysRates(w.t);
});
afterAll(async () => {
  await w?.close();
});

/** A paid order through the Mastercard simulator: 3 Fès panels (two lines' worth) and 1 Azilal carpet. */
async function paidOrder(currency = 'MAD') {
  const cart = await givenCart(w.t, [
    { variantId: fes.variantId, quantity: 3 },
    { variantId: azilal.variantId, quantity: 1 },
  ]);
  const shipping = [
    {
      cooperativeId: fes.seller.coop.id,
      quoteOptionId: await insertQuoteOption(w.t, {
        cooperativeId: fes.seller.coop.id,
        items: [{ variantId: fes.variantId, quantity: 3 }],
        shippingMad: 30000,
        taxesMad: 27000,
        feesMad: 300,
      }),
    },
    {
      cooperativeId: azilal.seller.coop.id,
      quoteOptionId: await insertQuoteOption(w.t, {
        cooperativeId: azilal.seller.coop.id,
        items: [{ variantId: azilal.variantId, quantity: 1 }],
        shippingMad: 52000,
        taxesMad: 76000,
        feesMad: 300,
      }),
    },
  ];
  const res = await w.t
    .http()
    .post('/v1/checkout')
    .set(cart.headers)
    .set('idempotency-key', randomUUID())
    .send(checkoutBody({ cart, shipping, address: lyon(), provider: 'mastercard', currency }));
  expect(res.status).toBe(201);
  await fetch(`${w.sim.url}/checkout/pay/${res.body.payment.session.sessionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'decision=approve',
    redirect: 'manual',
  });
  await eventually(async () => (await orderRow(w.t, res.body.id)).status === 'paid', 15_000, 'order paid');
  const order = res.body;
  const sub = (shop: Shop) => order.subOrders.find((s: any) => s.cooperativeId === shop.seller.coop.id);
  return { order, fesSub: sub(fes), azilalSub: sub(azilal) };
}

const refund = (as: { auth: string }, orderId: string, body: Record<string, unknown>, key?: string) => {
  const req = w.t.http().post(`/v1/orders/${orderId}/refunds`).set('authorization', as.auth);
  if (key) req.set('idempotency-key', key);
  return req.send(body);
};

/** A cooperative's ledger lines for one order, as {kind: sum}, and their balance. */
async function ledgerOf(cooperativeId: string, orderId: string) {
  const { rows } = await w.t.db.query(
    `SELECT kind, sum(amount)::int AS amount FROM ledger_entry
      WHERE cooperative_id = $1 AND order_id = $2 AND account = 'cooperative' GROUP BY kind`,
    [cooperativeId, orderId],
  );
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.amount]));
  return { ...byKind, balance: rows.reduce((n, r) => n + r.amount, 0) };
}

describe('refunding chosen lines of a sub-order', () => {
  it('is done by the cooperative concerned: the provider pays back, the ledger and the order follow', async () => {
    const { order, fesSub } = await paidOrder();
    const line = fesSub.lines[0];
    const res = await refund(fes.seller, order.id, {
      subOrderId: fesSub.id,
      lines: [{ lineId: line.id, quantity: 1 }],
      reason: 'One panel arrived cracked',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      amount: { amount: 45000, currency: 'MAD' },
      amountMad: { amount: 45000, currency: 'MAD' },
      parts: [
        {
          subOrderId: fesSub.id,
          lines: [{ lineId: line.id, quantity: 1, amount: { amount: 45000, currency: 'MAD' } }],
          shipping: { amount: 0, currency: 'MAD' },
          commission: { amount: 4500, currency: 'MAD' },
        },
      ],
    });
    const payment = await w.t.db.query(`SELECT status, refunded_amount FROM payment WHERE id = $1`, [
      order.payment.id,
    ]);
    expect(payment.rows[0]).toEqual({ status: 'partially_refunded', refunded_amount: '45000' });
    expect(await ledgerOf(fes.seller.coop.id, order.id)).toEqual({
      sale: 135000 + 57300,
      commission: -13500,
      refund: -45000,
      commission_refund: 4500,
      balance: 135000 + 57300 - 13500 - 45000 + 4500,
    });
    expect((await orderRow(w.t, order.id)).status).toBe('partially_refunded');
    const view = await w.t.http().get(`/v1/orders/${order.id}`).set('authorization', admin.auth);
    expect(view.body.subOrders.find((s: any) => s.id === fesSub.id)).toMatchObject({
      status: 'paid',
      refunded: { amount: 45000, currency: 'MAD' },
      lines: [{ refundedQuantity: 1 }],
    });
    expect(view.body.refunded).toEqual({ amount: 45000, currency: 'MAD' });
  });

  it("is refused to another cooperative, to the buyer's peers, and beyond what is left", async () => {
    const { order, fesSub, azilalSub } = await paidOrder();
    const other = await refund(fes.seller, order.id, { subOrderId: azilalSub.id, reason: 'not mine' });
    expect(other.status).toBe(403);
    const whole = await refund(fes.seller, order.id, { reason: 'everything' });
    expect(whole.status).toBe(403);
    const stranger = await signUp(w.t, { name: 'Stranger' });
    expect((await refund(stranger, order.id, { reason: 'please' })).status).toBe(404);
    const tooMany = await refund(fes.seller, order.id, {
      subOrderId: fesSub.id,
      lines: [{ lineId: fesSub.lines[0].id, quantity: 4 }],
      reason: 'x',
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.errors.map((e: any) => e.field)).toEqual(['lines[0].quantity']);
    const refunds = await w.t.db.query(`SELECT count(*)::int AS n FROM refund WHERE order_id = $1`, [
      order.id,
    ]);
    expect(refunds.rows[0].n).toBe(0);
    expect((await orderRow(w.t, order.id)).status).toBe('paid');
  });
});

describe('refunding a whole order', () => {
  it('by an admin: every centime back, each cooperative balanced to zero, unshipped parts cancelled', async () => {
    const { order, fesSub, azilalSub } = await paidOrder();
    await refund(fes.seller, order.id, {
      subOrderId: fesSub.id,
      lines: [{ lineId: fesSub.lines[0].id, quantity: 1 }],
      reason: 'cracked',
    });
    await w.t.http().post(`/v1/sub-orders/${azilalSub.id}/accept`).set('authorization', azilal.seller.auth);
    await w.t
      .http()
      .post(`/v1/sub-orders/${azilalSub.id}/ship`)
      .set('authorization', azilal.seller.auth)
      .send({ carrier: 'aramex', trackingNumber: 'AMX-123456' });

    const res = await refund(admin, order.id, { reason: 'buyer cancelled' });
    expect(res.status).toBe(201);
    expect(res.body.amountMad.amount).toBe(order.totalMad.amount - 45000);

    const payment = await w.t.db.query(`SELECT status, refunded_amount FROM payment WHERE id = $1`, [
      order.payment.id,
    ]);
    expect(payment.rows[0]).toEqual({ status: 'refunded', refunded_amount: String(order.total.amount) });
    expect((await ledgerOf(fes.seller.coop.id, order.id)).balance).toBe(0);
    expect((await ledgerOf(azilal.seller.coop.id, order.id)).balance).toBe(0);
    expect((await orderRow(w.t, order.id)).status).toBe('refunded');
    const subs = await w.t.db.query(`SELECT id, status FROM sub_order WHERE order_id = $1`, [order.id]);
    expect(Object.fromEntries(subs.rows.map((r) => [r.id, r.status]))).toEqual({
      [fesSub.id]: 'cancelled',
      [azilalSub.id]: 'shipped', // already on its way: it stays shipped, refunded
    });
    const again = await refund(admin, order.id, { reason: 'again' });
    expect(again.status).toBe(409);
  });

  it('in EUR: partial refunds at the order rate, the last one giving back exactly what is left', async () => {
    const { order, azilalSub } = await paidOrder('EUR');
    expect(order.total.currency).toBe('EUR');
    const first = await refund(admin, order.id, { subOrderId: azilalSub.id, reason: 'carpet returned' });
    expect(first.status).toBe(201);
    // 5083.00 MAD at 10.81 = 470.21 EUR
    expect(first.body.amount).toEqual({ amount: 47021, currency: 'EUR' });
    const last = await refund(admin, order.id, { reason: 'the rest' });
    expect(last.body.amount.amount + first.body.amount.amount).toBe(order.total.amount);
    const payment = await w.t.db.query(`SELECT refunded_amount, status FROM payment WHERE id = $1`, [
      order.payment.id,
    ]);
    expect(payment.rows[0]).toEqual({ refunded_amount: String(order.total.amount), status: 'refunded' });
  });
});

describe('a refund retried after a timeout', () => {
  it('is finished by the retry with the same key, and pays once', async () => {
    const { order, azilalSub } = await paidOrder();
    w.sim.fail({ method: 'PUT', path: '/transaction/refund-', delayMs: 2_000, afterProcessing: true });
    const key = randomUUID();
    const body = { subOrderId: azilalSub.id, reason: 'carpet returned' };

    const first = await refund(azilal.seller, order.id, body, key);
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('pending');
    expect(await ledgerOf(azilal.seller.coop.id, order.id)).not.toHaveProperty('refund');

    const retried = await refund(azilal.seller, order.id, body, key);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: first.body.id, status: 'succeeded' });
    const gateway = w.sim.mastercard.orders.get(order.reference)!;
    expect(gateway.transactions.filter((tx: any) => tx.type === 'REFUND')).toHaveLength(1);
    const refunds = await w.t.db.query(`SELECT count(*)::int AS n FROM refund WHERE order_id = $1`, [
      order.id,
    ]);
    expect(refunds.rows[0].n).toBe(1);
    expect((await ledgerOf(azilal.seller.coop.id, order.id)).balance).toBe(0);

    const replay = await refund(azilal.seller, order.id, body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    const reused = await refund(azilal.seller, order.id, { ...body, reason: 'other' }, key);
    expect(reused.status).toBe(422);
  });
});
