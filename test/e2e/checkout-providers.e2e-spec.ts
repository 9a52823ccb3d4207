import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type Actor, signUp } from '../support/actors';
import {
  checkoutBody,
  givenCart,
  givenShop,
  lyon,
  newYork,
  pinTodaysRates,
  quoteThroughApi,
  type Shop,
  stockOf,
} from '../support/orders-fixtures';
import { type PaymentsWorld, startPaymentsWorld } from '../support/payments-fixtures';
import { eventually } from '../support/wait';

let w: PaymentsWorld;
let fes: Shop;
let azilal: Shop;
let buyer: Actor;
beforeAll(async () => {
  w = await startPaymentsWorld();
  fes = await givenShop(w.t, {
    name: 'Fès zellige',
    price: 45000,
    stock: 20,
    craft: 'zellige',
    hsCode: '6907.30',
  });
  azilal = await givenShop(w.t, {
    name: 'Azilal carpets',
    price: 380000,
    stock: 5,
    craft: 'carpet',
    hsCode: '5701.10',
  });
  buyer = await signUp(w.t, { name: 'Buyer' });
  await pinTodaysRates(w.t);
});
afterAll(async () => {
  await w?.close();
});

/** The buyer on each provider's hosted page, approving. */
const approve: Record<string, (session: Record<string, any>) => Promise<void>> = {
  mastercard: async (session) => {
    const res = await fetch(`${w.sim.url}/checkout/pay/${session.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  },
  cmi: async (session) => {
    const gate = await fetch(session.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(session.fields).toString(),
    });
    const token = /action="\/fim\/est3Dgate\/([a-f0-9]+)"/.exec(await gate.text())![1];
    await fetch(`${w.sim.url}/fim/est3Dgate/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
    });
  },
  stripe: async (session) => {
    await fetch(`${w.sim.url}/stripe/pay/${session.paymentIntentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision: 'approve', return_url: `${w.publicUrl}/done` }).toString(),
      redirect: 'manual',
    });
  },
};

const cases = [
  {
    provider: 'mastercard',
    currency: 'USD',
    address: newYork(),
    destination: { country: 'US', postalCode: '10118' },
  },
  { provider: 'cmi', currency: 'MAD', address: lyon(), destination: { country: 'FR', postalCode: '69001' } },
  {
    provider: 'stripe',
    currency: 'EUR',
    address: lyon(),
    destination: { country: 'FR', postalCode: '69001' },
  },
] as const;

describe.each(cases)(
  'from cart to paid order through $provider',
  ({ provider, currency, address, destination }) => {
    it(`pays in ${currency}, settles both cooperatives' sub-orders and writes their ledger entries`, async () => {
      const items = [
        { variantId: fes.variantId, quantity: 2 },
        { variantId: azilal.variantId, quantity: 1 },
      ];
      const stock = { fes: await stockOf(w.t, fes.variantId), azilal: await stockOf(w.t, azilal.variantId) };
      const cart = await givenCart(w.t, items, { buyer, currency });
      const shipping = await quoteThroughApi(w.t, items, destination, 'DDP');
      expect(shipping.map((s) => s.cooperativeId).sort()).toEqual(
        [fes.seller.coop.id, azilal.seller.coop.id].sort(),
      );

      const placed = await w.t
        .http()
        .post('/v1/checkout')
        .set(cart.headers)
        .set('idempotency-key', randomUUID())
        .send(
          checkoutBody({
            cart,
            shipping: shipping.map(({ cooperativeId, quoteOptionId }) => ({ cooperativeId, quoteOptionId })),
            address,
            provider,
            currency,
          }),
        );
      expect(placed.status).toBe(201);
      const order = placed.body;
      expect(order.total.currency).toBe(currency);
      expect(order.payment).toMatchObject({ provider, status: 'requires_action' });
      expect(order.payment.session).toMatchObject({ provider, simulated: false });
      const goods = 2 * 45000 + 380000;
      const delivery = shipping.reduce((n, s) => n + s.option.totalMad.amount, 0);
      expect(order.totalMad).toEqual({ amount: goods + delivery, currency: 'MAD' });

      await approve[provider](order.payment.session);

      await eventually(
        async () => (await w.t.http().get(`/v1/orders/${order.id}`).set(cart.headers)).body.status === 'paid',
        15_000,
        `order paid through ${provider}`,
      );
      const paid = (await w.t.http().get(`/v1/orders/${order.id}`).set(cart.headers)).body;
      expect(paid.subOrders.map((s: any) => s.status)).toEqual(['paid', 'paid']);
      expect(paid.payment).toMatchObject({ id: order.payment.id, provider, status: 'captured' });
      expect(await stockOf(w.t, fes.variantId)).toEqual({
        stock: stock.fes.stock - 2,
        reserved: stock.fes.reserved,
      });
      expect(await stockOf(w.t, azilal.variantId)).toEqual({
        stock: stock.azilal.stock - 1,
        reserved: stock.azilal.reserved,
      });
      const payment = await w.t.db.query(
        `SELECT status, captured_amount, currency FROM payment WHERE id = $1`,
        [order.payment.id],
      );
      expect(payment.rows[0]).toEqual({
        status: 'captured',
        captured_amount: String(order.total.amount),
        currency,
      });

      // each cooperative: its goods and delivery as a sale, 10% of its goods as commission
      const ledger = await w.t.db.query(
        `SELECT cooperative_id, kind, amount::int FROM ledger_entry WHERE order_id = $1 AND account = 'cooperative'`,
        [order.id],
      );
      for (const [shop, units] of [
        [fes, 2],
        [azilal, 1],
      ] as const) {
        const option = shipping.find((s) => s.cooperativeId === shop.seller.coop.id)!.option;
        const entries = ledger.rows.filter((r) => r.cooperative_id === shop.seller.coop.id);
        expect(entries).toEqual(
          expect.arrayContaining([
            {
              cooperative_id: shop.seller.coop.id,
              kind: 'sale',
              amount: shop.priceMad * units + option.totalMad.amount,
            },
            {
              cooperative_id: shop.seller.coop.id,
              kind: 'commission',
              amount: -(shop.priceMad * units) / 10,
            },
          ]),
        );
        expect(entries).toHaveLength(2);
      }
      const sum = ledger.rows.filter((r) => r.kind === 'sale').reduce((n, r) => n + r.amount, 0);
      expect(sum).toBe(order.totalMad.amount);

      // and each cooperative sees its own part, ready to ship
      const seen = await w.t
        .http()
        .get(`/v1/cooperatives/${azilal.seller.coop.id}/orders?status=paid`)
        .set('authorization', azilal.seller.auth);
      const part = seen.body.items.find((s: any) => s.orderId === order.id);
      expect(part).toMatchObject({ status: 'paid', lines: [{ variantId: azilal.variantId, quantity: 1 }] });
    });
  },
);
