import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  checkoutBody,
  givenCart,
  givenShop,
  quoteThroughApi,
  settlePaid,
  type Cart,
  type Shop,
  stockOf,
} from '../support/orders-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const BUYERS = 200;
const UNITS = 50;

let t: TestApp;
let base: string;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp({ env: { DATABASE_POOL_SIZE: '10' } });
  await t.app.listen(0, '127.0.0.1');
  base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  shop = await givenShop(t, {
    name: 'Azilal carpets',
    price: 380000,
    stock: UNITS,
    craft: 'carpet',
    hsCode: '5701.10',
  });
});
afterAll(async () => {
  await t?.close();
});

/** Runs `work` over `items` with at most `width` in flight. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

describe(`${BUYERS} buyers racing for ${UNITS} carpets through the HTTP API`, () => {
  it('sells exactly 50, refuses the rest with a clear 409, and never takes stock below zero', async () => {
    const item = { variantId: shop.variantId, quantity: 1 };
    const [choice] = await quoteThroughApi(t, [item], { country: 'US', postalCode: '10118' });
    const carts: Cart[] = await inBatches(
      Array.from({ length: BUYERS }, () => item),
      20,
      (i) => givenCart(t, [i]),
    );
    const address = {
      name: 'Buyer',
      email: 'buyer@example.com',
      line1: '350 Fifth Avenue',
      city: 'New York',
      postalCode: '10118',
      country: 'US',
    };

    const started = Date.now();
    const answers = await Promise.all(
      carts.map(async (cart) => {
        const res = await fetch(`${base}/v1/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...cart.headers },
          body: JSON.stringify(
            checkoutBody({
              cart,
              shipping: [{ cooperativeId: choice.cooperativeId, quoteOptionId: choice.quoteOptionId }],
              address,
              provider: 'stripe',
              currency: 'USD',
            }),
          ),
        });
        return { status: res.status, body: (await res.json()) as any };
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${BUYERS} concurrent checkouts in ${seconds.toFixed(2)} s (${(BUYERS / seconds).toFixed(0)}/s)`,
    );

    const sold = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(sold).toHaveLength(UNITS);
    expect(refused).toHaveLength(BUYERS - UNITS);
    for (const r of refused) {
      expect(r.body).toMatchObject({
        type: 'https://souk.dev/problems/out-of-stock',
        status: 409,
        variantId: shop.variantId,
        requested: 1,
        available: 0,
      });
    }
    expect(await stockOf(t, shop.variantId)).toEqual({ stock: UNITS, reserved: UNITS });
    const orders = await t.db.query(
      `SELECT count(*)::int AS orders, sum(l.quantity)::int AS units
         FROM customer_order o JOIN sub_order s ON s.order_id = o.id JOIN order_line l ON l.sub_order_id = s.id
        WHERE l.variant_id = $1`,
      [shop.variantId],
    );
    expect(orders.rows[0]).toEqual({ orders: UNITS, units: UNITS });
    // the refused buyers' carts are still open for another try
    const open = await t.db.query(
      `SELECT count(*)::int AS n FROM cart WHERE order_id IS NULL AND id = ANY($1::uuid[])`,
      [carts.map((c) => c.id)],
    );
    expect(open.rows[0].n).toBe(BUYERS - UNITS);

    // Every sold unit paid: the stock leaves with its reservation, down to zero and not below.
    await inBatches(sold, 5, (a) => settlePaid(t, a.body.id));
    expect(await stockOf(t, shop.variantId)).toEqual({ stock: 0, reserved: 0 });
  });
});
