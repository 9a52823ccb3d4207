import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  checkout,
  givenCart,
  givenShop,
  insertQuoteOption,
  lyon,
  newYork,
  type Shop,
  stockOf,
} from '../support/orders-fixtures';
import { fieldsOf } from '../support/storefront-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let fes: Shop;
let safi: Shop;
beforeAll(async () => {
  t = await startTestApp();
  fes = await givenShop(t, { name: 'Fès zellige', price: 45000, stock: 50 });
  safi = await givenShop(t, { name: 'Safi pottery', price: 12000, stock: 50 });
});
afterAll(async () => {
  await t?.close();
});

/** A cart of 2 Fès panels and 1 Safi bowl, with good quote options unless overridden. */
async function arrange(
  overrides: {
    fes?: Parameters<typeof insertQuoteOption>[1];
    safi?: Parameters<typeof insertQuoteOption>[1];
  } = {},
) {
  const cart = await givenCart(t, [
    { variantId: fes.variantId, quantity: 2 },
    { variantId: safi.variantId, quantity: 1 },
  ]);
  const fesOption = await insertQuoteOption(
    t,
    overrides.fes ?? {
      cooperativeId: fes.seller.coop.id,
      items: [{ variantId: fes.variantId, quantity: 2 }],
    },
  );
  const safiOption = await insertQuoteOption(
    t,
    overrides.safi ?? {
      cooperativeId: safi.seller.coop.id,
      items: [{ variantId: safi.variantId, quantity: 1 }],
    },
  );
  return {
    cart,
    shipping: [
      { cooperativeId: fes.seller.coop.id, quoteOptionId: fesOption },
      { cooperativeId: safi.seller.coop.id, quoteOptionId: safiOption },
    ],
  };
}

/** Nothing was written for the cart: no order, nothing reserved beyond what was reserved before. */
async function expectNothingWritten(cartId: string, reserved: { fes: number; safi: number }) {
  const orders = await t.db.query(`SELECT count(*) FROM customer_order WHERE cart_id = $1`, [cartId]);
  expect(Number(orders.rows[0].count)).toBe(0);
  expect((await stockOf(t, fes.variantId)).reserved).toBe(reserved.fes);
  expect((await stockOf(t, safi.variantId)).reserved).toBe(reserved.safi);
  const cart = await t.db.query(`SELECT order_id FROM cart WHERE id = $1`, [cartId]);
  expect(cart.rows[0].order_id).toBeNull();
}

const reservedNow = async () => ({
  fes: (await stockOf(t, fes.variantId)).reserved,
  safi: (await stockOf(t, safi.variantId)).reserved,
});

describe('checkout refuses', () => {
  it('an expired quote (409 naming the option)', async () => {
    const before = await reservedNow();
    const { cart, shipping } = await arrange({
      fes: {
        cooperativeId: fes.seller.coop.id,
        items: [{ variantId: fes.variantId, quantity: 2 }],
        expiresIn: -5,
      },
    });
    const res = await checkout(t, { cart, shipping });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://souk.dev/problems/quote-expired');
    expect(fieldsOf(res.body)).toEqual(['shipping[0].quoteOptionId']);
    await expectNothingWritten(cart.id, before);
  });

  it('a quote for other items or quantities than the cart holds (422)', async () => {
    const before = await reservedNow();
    const { cart, shipping } = await arrange({
      fes: { cooperativeId: fes.seller.coop.id, items: [{ variantId: fes.variantId, quantity: 1 }] },
    });
    const res = await checkout(t, { cart, shipping });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://souk.dev/problems/quote-mismatch');
    expect(fieldsOf(res.body)).toEqual(['shipping[0].quoteOptionId']);
    expect(res.body.errors[0].message).toMatch(/other items or quantities/);
    await expectNothingWritten(cart.id, before);
  });

  it("another cooperative's option given for a cooperative (422)", async () => {
    const before = await reservedNow();
    const { cart, shipping } = await arrange();
    const swapped = [
      { cooperativeId: fes.seller.coop.id, quoteOptionId: shipping[1].quoteOptionId },
      { cooperativeId: safi.seller.coop.id, quoteOptionId: shipping[0].quoteOptionId },
    ];
    const res = await checkout(t, { cart, shipping: swapped });
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toEqual(['shipping[0].quoteOptionId']);
    expect(res.body.errors[0].message).toMatch(/another cooperative/);
    await expectNothingWritten(cart.id, before);
  });

  it('a cooperative left without a choice (400), one not in the cart or given twice', async () => {
    const { cart, shipping } = await arrange();
    const missing = await checkout(t, { cart, shipping: [shipping[0]] });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['shipping']);
    expect(missing.body.errors[0].message).toContain(safi.seller.coop.id);

    const stranger = await givenShop(t, { name: 'Tétouan' });
    const extra = await checkout(t, {
      cart,
      shipping: [
        ...shipping,
        { cooperativeId: stranger.seller.coop.id, quoteOptionId: shipping[0].quoteOptionId },
      ],
    });
    expect(extra.status).toBe(422);
    expect(fieldsOf(extra.body)).toEqual(['shipping[2].cooperativeId']);

    const twice = await checkout(t, { cart, shipping: [shipping[0], shipping[0], shipping[1]] });
    expect(twice.status).toBe(400);
    expect(fieldsOf(twice.body)).toEqual(['shipping[1].cooperativeId']);

    const unknown = await checkout(t, {
      cart,
      shipping: [shipping[0], { ...shipping[1], quoteOptionId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['shipping[1].quoteOptionId']);
  });

  it('an address in another country, or another postal code, than quoted (422)', async () => {
    const { cart, shipping } = await arrange();
    const country = await checkout(t, { cart, shipping, address: newYork() });
    expect(country.status).toBe(422);
    expect(fieldsOf(country.body)).toEqual(['shippingAddress.country']);

    const zoned = await arrange({
      fes: {
        cooperativeId: fes.seller.coop.id,
        items: [{ variantId: fes.variantId, quantity: 2 }],
        postalCode: '75001',
      },
    });
    const postal = await checkout(t, { ...zoned, address: lyon({ postalCode: '69001' }) });
    expect(postal.status).toBe(422);
    expect(fieldsOf(postal.body)).toEqual(['shippingAddress.postalCode']);
    expect((await checkout(t, { ...zoned, address: lyon({ postalCode: '75 001' }) })).status).toBe(201);
  });

  it('a guest without an email, a bad body, a provider that cannot take the currency', async () => {
    const { cart, shipping } = await arrange();
    const noEmail = await checkout(t, { cart, shipping, address: lyon({ email: undefined }) });
    expect(noEmail.status).toBe(400);
    expect(fieldsOf(noEmail.body)).toEqual(['shippingAddress.email']);

    const bad = await checkout(t, {
      cart,
      shipping,
      address: lyon({ country: 'France' }),
      extra: { paymentProvider: 'paypal' },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['paymentProvider', 'shippingAddress.country']);

    const cmiInEuros = await checkout(t, { cart, shipping, provider: 'cmi', currency: 'EUR' });
    expect(cmiInEuros.status).toBe(400);
    expect(fieldsOf(cmiInEuros.body)).toEqual(['paymentProvider']);
  });

  it("someone else's cart (404), an empty cart (400), a product gone from the catalogue (409)", async () => {
    const { cart, shipping } = await arrange();
    const stranger = await checkout(t, {
      cart: { ...cart, headers: { 'x-cart-token': 'ct_nope' } },
      shipping,
    });
    expect(stranger.status).toBe(404);

    const empty = await givenCart(t, []);
    const none = await checkout(t, { cart: empty, shipping });
    expect(none.status).toBe(400);
    expect(fieldsOf(none.body)).toEqual(['cartId']);

    const gone = await givenShop(t, { name: 'Archived' });
    const goneCart = await givenCart(t, [{ variantId: gone.variantId, quantity: 1 }]);
    await t.db.query(`UPDATE product SET status = 'archived' WHERE id = $1`, [gone.product.id]);
    const option = await insertQuoteOption(t, {
      cooperativeId: gone.seller.coop.id,
      items: [{ variantId: gone.variantId, quantity: 1 }],
    });
    const res = await checkout(t, {
      cart: goneCart,
      shipping: [{ cooperativeId: gone.seller.coop.id, quoteOptionId: option }],
    });
    expect(res.status).toBe(409);
    expect(res.body.variantId).toBe(gone.variantId);
  });

  it('more than is left in stock (409 naming the variant), reserving nothing at all', async () => {
    const before = await reservedNow();
    const { cart, shipping } = await arrange();
    // the Safi bowl is gone meanwhile: the Fès panels must not stay reserved either
    await t.db.query(`UPDATE variant SET stock = reserved WHERE id = $1`, [safi.variantId]);
    const res = await checkout(t, { cart, shipping });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      type: 'https://souk.dev/problems/out-of-stock',
      variantId: safi.variantId,
      requested: 1,
      available: 0,
    });
    expect(res.body.detail).toContain(safi.variantId);
    await expectNothingWritten(cart.id, before);
    await t.db.query(`UPDATE variant SET stock = 50 WHERE id = $1`, [safi.variantId]);
  });
});
