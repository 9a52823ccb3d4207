import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { signUp } from '../support/actors';
import { fieldsOf } from '../support/storefront-fixtures';
import { givenCart, givenShop, type Shop } from '../support/orders-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let fes: Shop;
let azilal: Shop;
beforeAll(async () => {
  t = await startTestApp();
  fes = await givenShop(t, { name: 'Fès potter', price: 45000, stock: 10 });
  azilal = await givenShop(t, { name: 'Azilal weaver', price: 380000, stock: 3 });
  // today's rates, so the display figures are known to the centime
  await t.db.query(
    `INSERT INTO exchange_rate (currency, effective_date, mad_per_unit, source)
     VALUES ('EUR', current_date, 10.81, 'test'), ('USD', current_date, 9.27, 'test')
     ON CONFLICT (currency, effective_date) DO UPDATE SET mad_per_unit = EXCLUDED.mad_per_unit`,
  );
});
afterAll(async () => {
  await t?.close();
});

const get = (cart: { id: string; headers: Record<string, string> }, query = '') =>
  t.http().get(`/v1/carts/${cart.id}${query}`).set(cart.headers);

describe('a guest cart', () => {
  it('groups lines by cooperative with subtotals in MAD and in the display currency', async () => {
    const cart = await givenCart(
      t,
      [
        { variantId: fes.variantId, quantity: 2 },
        { variantId: azilal.variantId, quantity: 1 },
      ],
      { currency: 'EUR' },
    );
    expect(cart.body.token).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    expect(cart.body).toMatchObject({ owner: 'guest', currency: 'EUR', itemCount: 3, orderId: null });
    expect(cart.body.rate).toMatchObject({ currency: 'EUR', madPerUnit: '10.81000000' });
    const byCoop = Object.fromEntries(cart.body.cooperatives.map((c: any) => [c.cooperativeId, c]));
    expect(byCoop[fes.seller.coop.id]).toMatchObject({
      slug: fes.seller.coop.slug,
      itemCount: 2,
      // 900.00 MAD = 83.256… EUR
      subtotal: { mad: { amount: 90000, currency: 'MAD' }, display: { amount: 8326, currency: 'EUR' } },
      lines: [
        {
          variantId: fes.variantId,
          productId: fes.product.id,
          quantity: 2,
          unitPrice: { mad: { amount: 45000, currency: 'MAD' }, display: { amount: 4163, currency: 'EUR' } },
          total: { mad: { amount: 90000, currency: 'MAD' } },
          available: 10,
          purchasable: true,
        },
      ],
    });
    expect(byCoop[azilal.seller.coop.id].subtotal).toEqual({
      mad: { amount: 380000, currency: 'MAD' },
      display: { amount: 35153, currency: 'EUR' },
    });
    expect(cart.body.total).toEqual({
      mad: { amount: 470000, currency: 'MAD' },
      display: { amount: 43478, currency: 'EUR' },
    });
  });

  it('opens only with its token: the id alone is a 404, and the token is stored hashed', async () => {
    const cart = await givenCart(t, [{ variantId: fes.variantId, quantity: 1 }]);
    expect((await t.http().get(`/v1/carts/${cart.id}`)).status).toBe(404);
    const wrong = await t
      .http()
      .get(`/v1/carts/${cart.id}`)
      .set('x-cart-token', 'ct_' + 'A'.repeat(43));
    expect(wrong.status).toBe(404);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(
      (await t.http().post(`/v1/carts/${cart.id}/items`).send({ variantId: azilal.variantId, quantity: 1 }))
        .status,
    ).toBe(404);
    expect((await get(cart)).status).toBe(200);

    const { rows } = await t.db.query(`SELECT token_hash, user_id FROM cart WHERE id = $1`, [cart.id]);
    expect(rows[0]).toEqual({
      token_hash: createHash('sha256').update(cart.token!).digest('hex'),
      user_id: null,
    });
  });

  it('adds, changes and removes items; the same variant twice adds up', async () => {
    const cart = await givenCart(t, [{ variantId: fes.variantId, quantity: 1 }]);
    const added = await t
      .http()
      .post(`/v1/carts/${cart.id}/items`)
      .set(cart.headers)
      .send({ variantId: fes.variantId, quantity: 2 });
    expect(added.status).toBe(201);
    expect(added.body.cooperatives[0].lines[0].quantity).toBe(3);

    const other = await t
      .http()
      .post(`/v1/carts/${cart.id}/items`)
      .set(cart.headers)
      .send({ variantId: azilal.variantId, quantity: 1 });
    expect(other.body.cooperatives).toHaveLength(2);

    const changed = await t
      .http()
      .patch(`/v1/carts/${cart.id}/items/${fes.variantId}`)
      .set(cart.headers)
      .send({ quantity: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body.itemCount).toBe(2);

    const removed = await t.http().delete(`/v1/carts/${cart.id}/items/${azilal.variantId}`).set(cart.headers);
    expect(removed.status).toBe(200);
    expect(removed.body.cooperatives.map((c: any) => c.cooperativeId)).toEqual([fes.seller.coop.id]);
    const { rows } = await t.db.query(`SELECT variant_id, quantity FROM cart_item WHERE cart_id = $1`, [
      cart.id,
    ]);
    expect(rows).toEqual([{ variant_id: fes.variantId, quantity: 1 }]);

    expect(
      (await t.http().delete(`/v1/carts/${cart.id}/items/${azilal.variantId}`).set(cart.headers)).status,
    ).toBe(404);
  });

  it('refuses bad items with a problem naming the field', async () => {
    const cart = await givenCart(t, []);
    const add = (body: Record<string, unknown>) =>
      t.http().post(`/v1/carts/${cart.id}/items`).set(cart.headers).send(body);

    const zero = await add({ variantId: fes.variantId, quantity: 0 });
    expect(zero.status).toBe(400);
    expect(fieldsOf(zero.body)).toEqual(['quantity']);

    const priced = await add({
      variantId: fes.variantId,
      quantity: 1,
      price: { amount: 1, currency: 'MAD' },
    });
    expect(priced.status).toBe(400);
    expect(fieldsOf(priced.body)).toEqual(['price']);

    const unknown = await add({ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['variantId']);

    const tooMany = await add({ variantId: azilal.variantId, quantity: 4 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ variantId: azilal.variantId, available: 3 });
    expect(fieldsOf(tooMany.body)).toEqual(['quantity']);

    const draft = await givenShop(t, { name: 'Draft' });
    await t.db.query(`UPDATE product SET status = 'draft' WHERE id = $1`, [draft.product.id]);
    const hidden = await add({ variantId: draft.variantId, quantity: 1 });
    expect(hidden.status).toBe(400);
    expect(fieldsOf(hidden.body)).toEqual(['variantId']);

    const badCurrency = await t.http().post('/v1/carts').send({ currency: 'XXX' });
    expect(badCurrency.status).toBe(400);
    expect(fieldsOf(badCurrency.body)).toEqual(['currency']);
    expect(
      Number(
        (await t.db.query(`SELECT count(*) FROM cart_item WHERE cart_id = $1`, [cart.id])).rows[0].count,
      ),
    ).toBe(0);
  });

  it('re-reads prices from the catalogue every time, and flags what can no longer be bought', async () => {
    const shop = await givenShop(t, { name: 'Safi', price: 12000, stock: 2 });
    const cart = await givenCart(t, [{ variantId: shop.variantId, quantity: 2 }]);
    await t.db.query(`UPDATE variant SET price_amount = 13500, stock = 1 WHERE id = $1`, [shop.variantId]);
    const res = await get(cart);
    expect(res.body.cooperatives[0].lines[0]).toMatchObject({
      unitPrice: { mad: { amount: 13500, currency: 'MAD' } },
      total: { mad: { amount: 27000, currency: 'MAD' } },
      available: 1,
      purchasable: false,
    });
    expect(res.body.total.mad).toEqual({ amount: 27000, currency: 'MAD' });
  });

  it('shows itself in another currency on demand, and keeps a new display currency', async () => {
    const cart = await givenCart(t, [{ variantId: fes.variantId, quantity: 1 }]);
    const usd = await get(cart, '?currency=USD');
    expect(usd.body.total).toEqual({
      mad: { amount: 45000, currency: 'MAD' },
      display: { amount: 4854, currency: 'USD' },
    });
    const patched = await t.http().patch(`/v1/carts/${cart.id}`).set(cart.headers).send({ currency: 'EUR' });
    expect(patched.status).toBe(200);
    expect((await get(cart)).body.total.display).toEqual({ amount: 4163, currency: 'EUR' });
  });
});

describe("a signed-in buyer's cart", () => {
  it('belongs to the buyer: no token, and nobody else opens it', async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const john = await signUp(t, { name: 'John' });
    const cart = await givenCart(t, [{ variantId: fes.variantId, quantity: 1 }], { buyer: amina });
    expect(cart.body.token).toBeUndefined();
    expect(cart.body.owner).toBe('user');
    expect((await get(cart)).status).toBe(200);
    expect((await t.http().get(`/v1/carts/${cart.id}`).set('authorization', john.auth)).status).toBe(404);
    expect((await t.http().get(`/v1/carts/${cart.id}`)).status).toBe(404);
    const { rows } = await t.db.query(`SELECT user_id, token_hash FROM cart WHERE id = $1`, [cart.id]);
    expect(rows[0]).toEqual({ user_id: amina.id, token_hash: null });
  });
});

describe('the public contract', () => {
  it('documents the buy path in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json')).body;
    for (const path of [
      '/v1/carts',
      '/v1/carts/{id}',
      '/v1/carts/{id}/items',
      '/v1/checkout',
      '/v1/orders/{id}',
      '/v1/cooperatives/{id}/orders',
      '/v1/sub-orders/{id}/ship',
      '/v1/orders/{id}/refunds',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const checkout = doc.paths['/v1/checkout'].post;
    expect(checkout.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(Object.keys(doc.components.schemas.CheckoutDto.properties).sort()).toEqual(
      ['cartId', 'currency', 'locale', 'paymentProvider', 'shipping', 'shippingAddress'].sort(),
    );
  });
});
