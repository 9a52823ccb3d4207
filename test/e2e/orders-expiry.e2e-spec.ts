import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { loadNative } from '../support/native';
import {
  givenOrder,
  givenShop,
  historyOf,
  orderRow,
  type Shop,
  settlePaid,
  stockOf,
} from '../support/orders-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// Runs on BullMQ's PostgreSQL backend without REDIS_URL, and on Redis with it.
const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

let t: TestApp;
let queue: Queue;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp({
    withWorker: true,
    env: { ORDERS_RESERVATION_MINUTES: '5', ORDERS_EXPIRY_SWEEP_SECONDS: '3600' },
  });
  const { getQueueToken } = loadNative<typeof import('@nestjs/bullmq')>('@nestjs/bullmq');
  queue = t.app.get(getQueueToken('orders'));
  shop = await givenShop(t, { name: 'Safi pottery', price: 12000, stock: 10 });
});
afterAll(async () => {
  await t?.close();
});

/** Runs the sweep now and waits for it, reading the job's own state (never queue events). */
async function sweep(): Promise<{ released: number; forgotten: number }> {
  const job = await queue.add('release-expired-reservations', {});
  await eventually(async () => (await queue.getJobState(job.id!)) === 'completed', 20_000, 'sweep completed');
  return (await queue.getJob(job.id!))!.returnvalue;
}

const expire = (orderId: string) =>
  t.db.query(`UPDATE customer_order SET reserved_until = now() - interval '1 second' WHERE id = $1`, [
    orderId,
  ]);

describe(`reservations of unpaid orders, on ${backend}`, () => {
  it('are scheduled to be swept, and held for the configured time', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['release-expired-reservations']);
    expect(schedulers[0].every).toBe(3_600_000);

    const { order } = await givenOrder(t, [{ shop, quantity: 1 }]);
    const held = (await orderRow(t, order.id)).reserved_until.getTime() - Date.now();
    expect(held).toBeGreaterThan(4.5 * 60_000);
    expect(held).toBeLessThanOrEqual(5 * 60_000);
  });

  it('are released by the worker once expired: stock back on sale, order cancelled, cart open again', async () => {
    const before = await stockOf(t, shop.variantId);
    const expired = await givenOrder(t, [{ shop, quantity: 2 }]);
    const running = await givenOrder(t, [{ shop, quantity: 1 }]);
    const paid = await givenOrder(t, [{ shop, quantity: 1 }]);
    await settlePaid(t, paid.order.id);
    expect(await stockOf(t, shop.variantId)).toEqual({
      stock: before.stock - 1,
      reserved: before.reserved + 3,
    });
    await expire(expired.order.id);

    expect((await sweep()).released).toBeGreaterThanOrEqual(1);

    expect(await stockOf(t, shop.variantId)).toEqual({
      stock: before.stock - 1,
      reserved: before.reserved + 1,
    });
    expect(await orderRow(t, expired.order.id)).toMatchObject({ status: 'cancelled', reserved_until: null });
    expect((await orderRow(t, running.order.id)).status).toBe('pending_payment');
    expect((await orderRow(t, paid.order.id)).status).toBe('paid');
    expect(await historyOf(t, expired.order.id)).toEqual([
      'order ∅→pending_payment by guest',
      'sub ∅→pending_payment by guest',
      'order pending_payment→cancelled by system',
      'sub pending_payment→cancelled by system',
    ]);
    const reason = await t.db.query(
      `SELECT detail FROM order_event WHERE order_id = $1 AND to_status = 'cancelled' LIMIT 1`,
      [expired.order.id],
    );
    expect(reason.rows[0].detail).toEqual({ reason: 'reservation expired' });
    const outbox = await t.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [
      expired.order.id,
    ]);
    expect(outbox.rows.map((r) => r.type)).toEqual(['order.placed', 'order.cancelled']);
    const around = await t.db.query(
      `SELECT type, aggregate_id FROM outbox_event WHERE id BETWEEN (SELECT max(id) FROM outbox_event WHERE aggregate_id = $1) AND
              (SELECT max(id) FROM outbox_event WHERE aggregate_id = $1) + 1 ORDER BY id`,
      [expired.order.id],
    );
    // channels hear that the units are on sale again, in the same transaction
    expect(around.rows).toEqual([
      { type: 'order.cancelled', aggregate_id: expired.order.id },
      { type: 'stock.changed', aggregate_id: shop.product.id },
    ]);
    // the payment is given up at the provider too
    await eventually(
      async () =>
        (await t.db.query(`SELECT status FROM payment WHERE id = $1`, [expired.order.payment.id])).rows[0]
          .status === 'failed',
      10_000,
      'payment abandoned',
    );
    // the guest can fix the cart and check out again
    const cart = await t.http().get(`/v1/carts/${expired.cart.id}`).set(expired.cart.headers);
    expect(cart.body.orderId).toBeNull();
    const edit = await t
      .http()
      .patch(`/v1/carts/${expired.cart.id}/items/${shop.variantId}`)
      .set(expired.cart.headers)
      .send({ quantity: 1 });
    expect(edit.status).toBe(200);

    expect((await sweep()).released).toBe(0); // nothing twice
    expect(await stockOf(t, shop.variantId)).toEqual({
      stock: before.stock - 1,
      reserved: before.reserved + 1,
    });
  });

  it('leave a payment captured after the expiry recorded for a refund, the stock untouched', async () => {
    const { order } = await givenOrder(t, [{ shop, quantity: 1 }]);
    await expire(order.id);
    await sweep();
    const before = await stockOf(t, shop.variantId);
    await settlePaid(t, order.id);
    expect(await stockOf(t, shop.variantId)).toEqual(before);
    expect((await orderRow(t, order.id)).status).toBe('cancelled');
    const outbox = await t.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [
      order.id,
    ]);
    expect(outbox.rows.map((r) => r.type)).toContain('order.captured_after_cancellation');
    const ledger = await t.db.query(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1`, [
      order.id,
    ]);
    expect(ledger.rows[0].n).toBe(0);
  });

  it('forget checkout answers after a day, with the sweep', async () => {
    await t.db.query(
      `INSERT INTO idempotency_key (scope, key, request_hash, state, response_status, response_body, created_at)
       VALUES ('guest:old', 'k1', 'h', 'done', 201, '{}', now() - interval '25 hours'),
              ('guest:new', 'k2', 'h', 'done', 201, '{}', now() - interval '1 hour')`,
    );
    expect((await sweep()).forgotten).toBe(1);
    const { rows } = await t.db.query(
      `SELECT key FROM idempotency_key WHERE scope LIKE 'guest:%' AND key IN ('k1', 'k2')`,
    );
    expect(rows).toEqual([{ key: 'k2' }]);
  });
});
