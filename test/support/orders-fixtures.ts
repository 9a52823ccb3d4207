import { afterAll, beforeAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Actor } from './actors';
import { givenProduct, givenSeller, type Seller, variantBody } from './catalogue-fixtures';
import { loadNative } from './native';
import { startTestApp, type TestApp } from './test-app';

/**
 * Arranging the buy path: cooperatives with products (through the catalogue API), carts and
 * checkouts through the orders API, and shipping quote options either quoted through the shipping
 * API or, for edge cases (an expired quote, exact figures), inserted straight into its tables.
 */
export interface Shop {
  seller: Seller;
  product: any;
  variantId: string;
  priceMad: number;
}

/** A cooperative (with its owner) selling one product whose one variant has `stock` units at `price`. */
export async function givenShop(
  t: TestApp,
  opts: { stock?: number; price?: number; name?: string; craft?: string; hsCode?: string } = {},
): Promise<Shop> {
  const seller = await givenSeller(t, { name: opts.name ?? 'Seller' });
  const price = opts.price ?? 45000;
  const product = await givenProduct(t, seller, {
    ...(opts.craft ? { craft: opts.craft } : {}),
    ...(opts.hsCode ? { hsCode: opts.hsCode } : {}),
    variants: [variantBody({ price: { amount: price, currency: 'MAD' }, stock: opts.stock ?? 10 })],
  });
  return { seller, product, variantId: product.variants[0].id, priceMad: price };
}

export interface Cart {
  id: string;
  /** The guest token, or undefined for a signed-in buyer's cart. */
  token?: string;
  /** Headers that open it: the token for a guest, the bearer for a buyer. */
  headers: Record<string, string>;
  body: any;
}

/** A cart holding `items`, as a guest (default) or as `buyer`. */
export async function givenCart(
  t: TestApp,
  items: { variantId: string; quantity: number }[],
  opts: { buyer?: Actor; currency?: string } = {},
): Promise<Cart> {
  const req = t.http().post('/v1/carts');
  if (opts.buyer) req.set('authorization', opts.buyer.auth);
  const res = await req.send({ items, ...(opts.currency ? { currency: opts.currency } : {}) });
  if (res.status !== 201) throw new Error(`create cart: ${res.status} ${res.text}`);
  const headers: Record<string, string> = opts.buyer
    ? { authorization: opts.buyer.auth }
    : { 'x-cart-token': res.body.token };
  return { id: res.body.id, token: res.body.token, headers, body: res.body };
}

export interface QuoteOptionRow {
  cooperativeId: string;
  items: { variantId: string; quantity: number }[];
  country?: string;
  postalCode?: string | null;
  incoterm?: 'DDP' | 'DAP';
  shippingMad?: number;
  dutiesMad?: number;
  taxesMad?: number;
  feesMad?: number;
  /** Seconds until the quote expires; negative for one already expired. */
  expiresIn?: number;
}

/**
 * A stored quote option, inserted into the shipping lib's tables with exact figures (in MAD, the
 * quote's currency being MAD too). DDP totals include duties, taxes and fees; DAP totals only fees.
 */
export async function insertQuoteOption(t: TestApp, o: QuoteOptionRow): Promise<string> {
  const incoterm = o.incoterm ?? 'DDP';
  const [shipping, duties, taxes, fees] = [
    o.shippingMad ?? 25000,
    o.dutiesMad ?? 0,
    o.taxesMad ?? 9000,
    o.feesMad ?? 300,
  ];
  const total = incoterm === 'DDP' ? shipping + duties + taxes + fees : shipping + fees;
  const owed = incoterm === 'DDP' ? 0 : duties + taxes;
  const quote = await t.db.query<{ id: string }>(
    `INSERT INTO shipping_quote (currency, destination_country, destination_postal_code, incoterm, expires_at, exchange_rates, answer)
     VALUES ('MAD', $1, $2, $3, now() + $4 * interval '1 second', '[]', '{}') RETURNING id`,
    [o.country ?? 'FR', o.postalCode ?? null, incoterm, o.expiresIn ?? 900],
  );
  const option = await t.db.query<{ id: string }>(
    `INSERT INTO shipping_quote_option (quote_id, cooperative_id, carrier, service, incoterm, transit_min, transit_max,
        rate_source, currency, shipping_amount, duties_amount, taxes_amount, fees_amount, total_amount,
        owed_on_delivery_amount, shipping_mad, duties_mad, taxes_mad, fees_mad, total_mad, owed_on_delivery_mad,
        items)
     VALUES ($1, $2, 'dhl-express', 'EXPRESS WORLDWIDE', $3, 3, 5, 'card', 'MAD', $4, $5, $6, $7, $8, $9,
             $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
    [
      quote.rows[0].id,
      o.cooperativeId,
      incoterm,
      shipping,
      duties,
      taxes,
      fees,
      total,
      owed,
      JSON.stringify(o.items),
    ],
  );
  return option.rows[0].id;
}

export const lyon = (overrides: Record<string, unknown> = {}) => ({
  name: 'Claire Martin',
  email: 'claire.martin@example.fr',
  line1: '12 rue des Tanneurs',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  ...overrides,
});

export const newYork = (overrides: Record<string, unknown> = {}) => ({
  name: 'John Carter',
  email: 'john.carter@example.com',
  line1: '350 Fifth Avenue',
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
  ...overrides,
});

export interface CheckoutInput {
  cart: Cart;
  shipping: { cooperativeId: string; quoteOptionId: string }[];
  provider?: 'mastercard' | 'cmi' | 'stripe';
  address?: Record<string, unknown>;
  key?: string | null;
  currency?: string;
  extra?: Record<string, unknown>;
}

export function checkoutBody(c: CheckoutInput): Record<string, unknown> {
  return {
    cartId: c.cart.id,
    shippingAddress: c.address ?? lyon(),
    shipping: c.shipping,
    paymentProvider: c.provider ?? 'mastercard',
    ...(c.currency ? { currency: c.currency } : {}),
    ...c.extra,
  };
}

/** POST /v1/checkout with the cart's headers and a fresh Idempotency-Key (or the one given; null for none). */
export function checkout(t: TestApp, c: CheckoutInput) {
  const req = t.http().post('/v1/checkout').set(c.cart.headers);
  if (c.key !== null) req.set('idempotency-key', c.key ?? randomUUID());
  return req.send(checkoutBody(c));
}

/** A placed order: a guest cart of `quantity` units from `shop`, a DDP quote to Lyon, checked out. */
export async function givenOrder(
  t: TestApp,
  shops: { shop: Shop; quantity?: number }[],
  opts: { provider?: 'mastercard' | 'cmi' | 'stripe'; buyer?: Actor; currency?: string } = {},
): Promise<{ cart: Cart; order: any }> {
  const items = shops.map(({ shop, quantity }) => ({ variantId: shop.variantId, quantity: quantity ?? 1 }));
  const cart = await givenCart(t, items, { buyer: opts.buyer });
  const shipping = [];
  for (const [i, { shop }] of shops.entries()) {
    shipping.push({
      cooperativeId: shop.seller.coop.id,
      quoteOptionId: await insertQuoteOption(t, { cooperativeId: shop.seller.coop.id, items: [items[i]] }),
    });
  }
  const res = await checkout(t, { cart, shipping, provider: opts.provider, currency: opts.currency });
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${res.text}`);
  return { cart, order: res.body };
}

export async function stockOf(t: TestApp, variantId: string): Promise<{ stock: number; reserved: number }> {
  const { rows } = await t.db.query(`SELECT stock, reserved FROM variant WHERE id = $1`, [variantId]);
  return rows[0];
}

export async function orderRow(t: TestApp, id: string): Promise<Record<string, any>> {
  const { rows } = await t.db.query(`SELECT * FROM customer_order WHERE id = $1`, [id]);
  return rows[0];
}

/** The order's history as `sub|order from→to by actor` lines, oldest first. */
export async function historyOf(t: TestApp, orderId: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `SELECT sub_order_id, from_status, to_status, actor_kind FROM order_event WHERE order_id = $1 ORDER BY id`,
    [orderId],
  );
  return rows.map(
    (r) => `${r.sub_order_id ? 'sub' : 'order'} ${r.from_status ?? '∅'}→${r.to_status} by ${r.actor_kind}`,
  );
}

/** Marks a placed order paid as the payments lib would: through the outcome handler, in a transaction. */
export async function settlePaid(t: TestApp, orderId: string): Promise<void> {
  const { rows } = await t.db.query(`SELECT payment_id, total_mad FROM customer_order WHERE id = $1`, [
    orderId,
  ]);
  const { Sql } = loadNative<typeof import('@souk/platform')>('@souk/platform');
  const { OrderSettlement } = loadNative<typeof import('@souk/orders')>('@souk/orders');
  const sql = t.app.get(Sql);
  await sql.transaction((tx) =>
    t.app
      .get(OrderSettlement)
      .paid(tx, orderId, { id: rows[0].payment_id, amountMad: Number(rows[0].total_mad) }),
  );
}

/**
 * Quotes the cart's items through POST /v1/shipping/quotes and picks, per cooperative, the option
 * of `incoterm` (the cheapest one when several carriers offer it).
 */
export async function quoteThroughApi(
  t: TestApp,
  items: { variantId: string; quantity: number }[],
  destination: { country: string; postalCode?: string },
  incoterm: 'DDP' | 'DAP' = 'DDP',
): Promise<{ cooperativeId: string; quoteOptionId: string; option: any }[]> {
  const res = await t.http().post('/v1/shipping/quotes').send({ destination, items, currency: 'MAD' });
  if (res.status !== 201) throw new Error(`quote: ${res.status} ${res.text}`);
  return res.body.quotes.map((q: any) => {
    const options = q.options.filter((o: any) => o.incoterm === incoterm);
    if (options.length === 0) throw new Error(`no ${incoterm} option for ${q.cooperativeId}`);
    const option = options.sort((a: any, b: any) => a.total.amount - b.total.amount)[0];
    return { cooperativeId: q.cooperativeId, quoteOptionId: option.id, option };
  });
}

/** Today's rates pinned (the reference rates of 2026-11-02), and the app's rate cache forgotten. */
export async function pinTodaysRates(
  t: TestApp,
  rates: Record<string, string> = { EUR: '10.81', USD: '9.27' },
) {
  for (const [currency, rate] of Object.entries(rates)) {
    await t.db.query(
      `INSERT INTO exchange_rate (currency, effective_date, mad_per_unit, source) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, 'test')
       ON CONFLICT (currency, effective_date) DO UPDATE SET mad_per_unit = EXCLUDED.mad_per_unit`,
      [currency, rate],
    );
  }
  t.app.get(loadNative<typeof import('@souk/platform')>('@souk/platform').ExchangeRates).invalidate();
}

export interface TwoCooperativeCheckout {
  /** The app and the two shops: empty objects until beforeAll fills them in. */
  t: TestApp;
  fes: Shop;
  azilal: Shop;
  /** A guest cart with 2 Fès panels and 1 Azilal carpet, and a quote option per cooperative (to Lyon). */
  twoCooperativeCart(): Promise<{ cart: Cart; shipping: { cooperativeId: string; quoteOptionId: string }[] }>;
}

/**
 * The checkout specs' common setup: an app with a Fès zellige shop and an Azilal carpet shop,
 * started before the file's tests and closed after them. Call it at the top of the spec file; the
 * objects it answers are filled in place by beforeAll, so the spec can destructure them at once.
 */
export function useTwoCooperativeCheckout(): TwoCooperativeCheckout {
  const t = {} as TestApp;
  const fes = {} as Shop;
  const azilal = {} as Shop;
  let started = false;
  beforeAll(async () => {
    Object.assign(t, await startTestApp());
    started = true;
    Object.assign(fes, await givenShop(t, { name: 'Fès zellige', price: 45000, stock: 50 }));
    Object.assign(azilal, await givenShop(t, { name: 'Azilal carpets', price: 380000, stock: 20 }));
  });
  afterAll(async () => {
    if (started) await t.close();
  });

  async function twoCooperativeCart() {
    const cart = await givenCart(t, [
      { variantId: fes.variantId, quantity: 2 },
      { variantId: azilal.variantId, quantity: 1 },
    ]);
    const shipping = [
      {
        cooperativeId: fes.seller.coop.id,
        quoteOptionId: await insertQuoteOption(t, {
          cooperativeId: fes.seller.coop.id,
          items: [{ variantId: fes.variantId, quantity: 2 }],
          incoterm: 'DDP',
          shippingMad: 31000,
          dutiesMad: 0,
          taxesMad: 18000,
          feesMad: 2200,
        }),
      },
      {
        cooperativeId: azilal.seller.coop.id,
        quoteOptionId: await insertQuoteOption(t, {
          cooperativeId: azilal.seller.coop.id,
          items: [{ variantId: azilal.variantId, quantity: 1 }],
          incoterm: 'DAP',
          shippingMad: 52000,
          taxesMad: 76000,
          feesMad: 0,
        }),
      },
    ];
    return { cart, shipping };
  }

  return { t, fes, azilal, twoCooperativeCart };
}
