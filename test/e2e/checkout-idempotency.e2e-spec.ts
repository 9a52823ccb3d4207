import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { signUp } from '../support/actors';
import {
  checkout,
  givenCart,
  givenShop,
  insertQuoteOption,
  lyon,
  orderRow,
  useTwoCooperativeCheckout,
} from '../support/orders-fixtures';
import { loadNative } from '../support/native';
import { fieldsOf } from '../support/storefront-fixtures';

const { t, twoCooperativeCart } = useTwoCooperativeCheckout();

describe('the Idempotency-Key', () => {
  it('gives the same answer to the same key and body, and makes one order', async () => {
    const { cart, shipping } = await twoCooperativeCart();
    const key = randomUUID();
    const first = await checkout(t, { cart, shipping, key });
    const again = await checkout(t, { cart, shipping, key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const orders = await t.db.query(`SELECT count(*) FROM customer_order WHERE cart_id = $1`, [cart.id]);
    expect(Number(orders.rows[0].count)).toBe(1);
  });

  it('answers requests racing with one key alike, with one order behind them', async () => {
    const { cart, shipping } = await twoCooperativeCart();
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => checkout(t, { cart, shipping, key })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const orders = await t.db.query(`SELECT count(*) FROM customer_order WHERE cart_id = $1`, [cart.id]);
    expect(Number(orders.rows[0].count)).toBe(1);
  });

  it('refuses the same key with another body (422) and a missing key (400)', async () => {
    const { cart, shipping } = await twoCooperativeCart();
    const key = randomUUID();
    expect((await checkout(t, { cart, shipping, key })).status).toBe(201);
    const changed = await checkout(t, { cart, shipping, key, address: lyon({ line1: '1 place Bellecour' }) });
    expect(changed.status).toBe(422);
    expect(fieldsOf(changed.body)).toEqual(['Idempotency-Key']);

    const other = await twoCooperativeCart();
    const missing = await checkout(t, { ...other, key: null });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['Idempotency-Key']);
    const orders = await t.db.query(`SELECT count(*) FROM customer_order WHERE cart_id = $1`, [
      other.cart.id,
    ]);
    expect(Number(orders.rows[0].count)).toBe(0);
  });

  it('replays a refusal too, and a checked-out cart refuses a new key', async () => {
    const shop = await givenShop(t, { name: 'Last one', stock: 1 });
    const cart = await givenCart(t, [{ variantId: shop.variantId, quantity: 1 }]);
    const option = await insertQuoteOption(t, {
      cooperativeId: shop.seller.coop.id,
      items: [{ variantId: shop.variantId, quantity: 1 }],
    });
    const shipping = [{ cooperativeId: shop.seller.coop.id, quoteOptionId: option }];
    await t.db.query(`UPDATE variant SET reserved = 1 WHERE id = $1`, [shop.variantId]); // someone else holds it
    const key = randomUUID();
    const refused = await checkout(t, { cart, shipping, key });
    expect(refused.status).toBe(409);
    await t.db.query(`UPDATE variant SET reserved = 0 WHERE id = $1`, [shop.variantId]);
    const replayed = await checkout(t, { cart, shipping, key });
    expect(replayed.status).toBe(409);
    expect(replayed.body.detail).toBe(refused.body.detail);

    expect((await checkout(t, { cart, shipping })).status).toBe(201);
    const twice = await checkout(t, { cart, shipping });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/checked out/);
  });

  it('finishes an order whose payment session failed after commit, on a retry with the same key', async () => {
    const { PAYMENTS_RUNTIME } = loadNative<typeof import('@souk/payments')>('@souk/payments');
    const simulator = t.app.get(PAYMENTS_RUNTIME).simulator!;
    const { cart, shipping } = await twoCooperativeCart();
    const key = randomUUID();
    simulator.fail({ method: 'POST', path: '/session', status: 503, times: 2 }); // the adapter retries once

    const failed = await checkout(t, { cart, shipping, key });
    expect(failed.status).toBe(502);
    const orders = await t.db.query(`SELECT id, status FROM customer_order WHERE cart_id = $1`, [cart.id]);
    expect(orders.rows).toEqual([{ id: expect.any(String), status: 'pending_payment' }]);

    const retried = await checkout(t, { cart, shipping, key });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(orders.rows[0].id);
    expect(retried.body.payment).toMatchObject({
      status: 'requires_action',
      session: { provider: 'mastercard' },
    });
    const again = await t.db.query(`SELECT count(*)::int AS n FROM customer_order WHERE cart_id = $1`, [
      cart.id,
    ]);
    expect(again.rows[0].n).toBe(1);
  });

  it('does not keep a refused access as the answer: the caller may come back with its token', async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const { cart, shipping } = await twoCooperativeCart(); // a guest cart, opened by its token
    const key = randomUUID();
    const signedIn = { authorization: amina.auth };
    const without = await checkout(t, { cart: { ...cart, headers: signedIn }, shipping, key });
    expect(without.status).toBe(404);
    const withToken = await checkout(t, {
      cart: { ...cart, headers: { ...signedIn, ...cart.headers } },
      shipping,
      key,
    });
    expect(withToken.status).toBe(201);
    expect((await orderRow(t, withToken.body.id)).user_id).toBe(amina.id);
  });
});
