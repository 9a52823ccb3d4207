import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { loadNative } from '../support/native';
import {
  checkoutBody,
  givenCart,
  givenShop,
  insertQuoteOption,
  lyon,
  orderRow,
  type Shop,
  stockOf,
} from '../support/orders-fixtures';
import { type PaymentsWorld, startPaymentsWorld } from '../support/payments-fixtures';
import { eventually } from '../support/wait';

let w: PaymentsWorld;
let shop: Shop;
let queue: Queue;
beforeAll(async () => {
  w = await startPaymentsWorld({ withWorker: true, env: { ORDERS_EXPIRY_SWEEP_SECONDS: '3600' } });
  shop = await givenShop(w.t, { name: 'Tétouan brass', price: 64000, stock: 5 });
  const { getQueueToken } = loadNative<typeof import('@nestjs/bullmq')>('@nestjs/bullmq');
  queue = w.t.app.get(getQueueToken('orders'));
});
afterAll(async () => {
  await w?.close();
});

describe('a buyer who pays after the reservation ran out', () => {
  it('gets the money back on its own, once, and the stock and the ledger stay untouched', async () => {
    const cart = await givenCart(w.t, [{ variantId: shop.variantId, quantity: 1 }]);
    const option = await insertQuoteOption(w.t, {
      cooperativeId: shop.seller.coop.id,
      items: [{ variantId: shop.variantId, quantity: 1 }],
    });
    const placed = await w.t
      .http()
      .post('/v1/checkout')
      .set(cart.headers)
      .set('idempotency-key', randomUUID())
      .send(
        checkoutBody({
          cart,
          shipping: [{ cooperativeId: shop.seller.coop.id, quoteOptionId: option }],
          address: lyon(),
          provider: 'mastercard',
        }),
      );
    expect(placed.status).toBe(201);
    const order = placed.body;

    // The reservation runs out while the gateway cannot be reached to abandon the payment.
    w.sim.fail({ method: 'GET', path: `/order/${order.reference}`, status: 500, times: 5 });
    await w.t.db.query(
      `UPDATE customer_order SET reserved_until = now() - interval '1 second' WHERE id = $1`,
      [order.id],
    );
    const sweep = await queue.add('release-expired-reservations', {});
    await eventually(async () => (await queue.getJobState(sweep.id!)) === 'completed', 20_000, 'sweep');
    w.sim.clearFaults();
    expect((await orderRow(w.t, order.id)).status).toBe('cancelled');
    const released = await stockOf(w.t, shop.variantId);
    expect(released).toEqual({ stock: 5, reserved: 0 });

    // The buyer, still on the hosted page, pays.
    await fetch(`${w.sim.url}/checkout/pay/${order.payment.session.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
      redirect: 'manual',
    });

    await eventually(
      async () =>
        (await w.t.db.query(`SELECT status FROM refund WHERE order_id = $1`, [order.id])).rows[0]?.status ===
        'succeeded',
      20_000,
      'late capture refunded',
    );
    const payment = await w.t.db.query(`SELECT status, refunded_amount FROM payment WHERE id = $1`, [
      order.payment.id,
    ]);
    expect(payment.rows[0]).toEqual({ status: 'refunded', refunded_amount: String(order.total.amount) });
    const refunds = await w.t.db.query(`SELECT status, amount, actor_kind FROM refund WHERE order_id = $1`, [
      order.id,
    ]);
    expect(refunds.rows).toEqual([
      { status: 'succeeded', amount: String(order.total.amount), actor_kind: 'system' },
    ]);
    const gateway = w.sim.mastercard.orders.get(order.reference)!;
    expect(gateway.transactions.filter((tx: any) => tx.type === 'REFUND')).toHaveLength(1);
    expect((await orderRow(w.t, order.id)).status).toBe('cancelled');
    expect(await stockOf(w.t, shop.variantId)).toEqual(released);
    const ledger = await w.t.db.query(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1`, [
      order.id,
    ]);
    expect(ledger.rows[0].n).toBe(0);
  });
});
