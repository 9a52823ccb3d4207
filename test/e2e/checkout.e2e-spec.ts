import { describe, expect, it } from '@jest/globals';
import { signUp } from '../support/actors';
import {
  checkout,
  givenCart,
  historyOf,
  insertQuoteOption,
  lyon,
  orderRow,
  stockOf,
  useTwoCooperativeCheckout,
} from '../support/orders-fixtures';

const { t, fes, azilal, twoCooperativeCart } = useTwoCooperativeCheckout();

describe('checking out a cart across two cooperatives', () => {
  it('creates the order, one sub-order per cooperative, reserves the stock and opens the payment', async () => {
    await t.db.query(`INSERT INTO cooperative_commission (cooperative_id, rate_bp) VALUES ($1, 800)`, [
      azilal.seller.coop.id,
    ]);
    const { cart, shipping } = await twoCooperativeCart();
    const before = { fes: await stockOf(t, fes.variantId), azilal: await stockOf(t, azilal.variantId) };

    const res = await checkout(t, { cart, shipping, provider: 'mastercard', currency: 'MAD' });

    expect(res.status).toBe(201);
    const order = res.body;
    // goods 900 + 3800; delivery: DDP 310 + 180 + 22 = 512 collected, DAP 520 (duties owed on delivery)
    expect(order).toMatchObject({
      status: 'pending_payment',
      reference: expect.stringMatching(/^SK\d{6}-[A-Z0-9]{8}$/),
      total: { amount: 573200, currency: 'MAD' },
      totalMad: { amount: 573200, currency: 'MAD' },
      goods: { amount: 470000, currency: 'MAD' },
      shipping: { amount: 103200, currency: 'MAD' },
      buyer: { name: 'Claire Martin', email: 'claire.martin@example.fr' },
      payment: { id: expect.any(String), provider: 'mastercard', status: 'requires_action' },
    });
    expect(order.payment.session).toMatchObject({ provider: 'mastercard' });
    const subs = Object.fromEntries(order.subOrders.map((s: any) => [s.cooperativeId, s]));
    expect(subs[fes.seller.coop.id]).toMatchObject({
      status: 'pending_payment',
      goods: { amount: 90000, currency: 'MAD' },
      total: { amount: 141200, currency: 'MAD' },
      lines: [{ variantId: fes.variantId, quantity: 2, unitPrice: { amount: 45000, currency: 'MAD' } }],
      shipping: { incoterm: 'DDP', dutiesCollected: true, charge: { amount: 51200, currency: 'MAD' } },
    });
    expect(subs[azilal.seller.coop.id].shipping).toMatchObject({
      incoterm: 'DAP',
      dutiesCollected: false,
      charge: { amount: 52000, currency: 'MAD' },
    });
    expect(subs[fes.seller.coop.id].commission).toBeUndefined(); // the buyer does not see the marketplace's share

    expect(await stockOf(t, fes.variantId)).toEqual({
      stock: before.fes.stock,
      reserved: before.fes.reserved + 2,
    });
    expect(await stockOf(t, azilal.variantId)).toEqual({
      stock: before.azilal.stock,
      reserved: before.azilal.reserved + 1,
    });
    const row = await orderRow(t, order.id);
    expect(row).toMatchObject({
      status: 'pending_payment',
      total_mad: '573200',
      payment_id: order.payment.id,
    });
    expect(row.reserved_until.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const commissions = await t.db.query(
      `SELECT cooperative_id, commission_bp, commission_mad, shipping_charge_mad FROM sub_order WHERE order_id = $1`,
      [order.id],
    );
    expect(
      Object.fromEntries(
        commissions.rows.map((r) => [r.cooperative_id, [r.commission_bp, r.commission_mad]]),
      ),
    ).toEqual({
      [fes.seller.coop.id]: [1000, '9000'],
      [azilal.seller.coop.id]: [800, '30400'],
    });
    const payment = await t.db.query(
      `SELECT order_id, amount, currency, amount_mad, shares FROM payment WHERE id = $1`,
      [order.payment.id],
    );
    expect(payment.rows[0]).toMatchObject({
      order_id: order.id,
      amount: '573200',
      currency: 'MAD',
      amount_mad: '573200',
    });
    expect(payment.rows[0].shares).toHaveLength(2);
    const outbox = await t.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [order.id]);
    expect(outbox.rows.map((r) => r.type)).toEqual(['order.placed']);
    const stockEvents = await t.db.query(
      `SELECT aggregate_id, payload FROM outbox_event WHERE type = 'stock.changed' AND id > (SELECT min(id) FROM outbox_event WHERE aggregate_id = $1)`,
      [order.id],
    );
    expect(stockEvents.rows).toEqual(
      expect.arrayContaining([
        { aggregate_id: fes.product.id, payload: { cooperativeId: fes.seller.coop.id } },
        { aggregate_id: azilal.product.id, payload: { cooperativeId: azilal.seller.coop.id } },
      ]),
    );
    expect(await historyOf(t, order.id)).toEqual([
      'order ∅→pending_payment by guest',
      'sub ∅→pending_payment by guest',
      'sub ∅→pending_payment by guest',
    ]);
    // the cart is closed, and the guest reads the order with the cart's token
    expect((await t.http().get(`/v1/carts/${cart.id}`).set(cart.headers)).body.orderId).toBe(order.id);
    const edit = await t
      .http()
      .post(`/v1/carts/${cart.id}/items`)
      .set(cart.headers)
      .send({ variantId: fes.variantId, quantity: 1 });
    expect(edit.status).toBe(409);
    const read = await t.http().get(`/v1/orders/${order.id}`).set(cart.headers);
    expect(read.status).toBe(200);
    expect(read.body.subOrders).toHaveLength(2);
    expect(read.body.payment).toEqual(order.payment);
    expect((await t.http().get(`/v1/orders/${order.id}`)).status).toBe(404);
  });

  it('charges in EUR at the recorded rate when asked, the amounts in MAD unchanged', async () => {
    await t.db.query(
      `INSERT INTO exchange_rate (currency, effective_date, mad_per_unit, source) VALUES ('EUR', current_date, 10.81, 'test')
       ON CONFLICT (currency, effective_date) DO UPDATE SET mad_per_unit = EXCLUDED.mad_per_unit`,
    );
    const { cart, shipping } = await twoCooperativeCart();
    const res = await checkout(t, { cart, shipping, provider: 'stripe', currency: 'EUR' });
    expect(res.status).toBe(201);
    // 5732.00 MAD / 10.81 = 530.25 EUR
    expect(res.body.total).toEqual({ amount: 53025, currency: 'EUR' });
    expect(res.body.totalMad).toEqual({ amount: 573200, currency: 'MAD' });
    expect(res.body.rate).toMatchObject({ currency: 'EUR', madPerUnit: '10.81000000' });
  });

  it("ties a signed-in buyer's order to the buyer; another buyer cannot read it", async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const john = await signUp(t, { name: 'John' });
    const cart = await givenCart(t, [{ variantId: fes.variantId, quantity: 1 }], { buyer: amina });
    const option = await insertQuoteOption(t, {
      cooperativeId: fes.seller.coop.id,
      items: [{ variantId: fes.variantId, quantity: 1 }],
    });
    const res = await checkout(t, {
      cart,
      shipping: [{ cooperativeId: fes.seller.coop.id, quoteOptionId: option }],
      address: lyon({ email: undefined }),
    });
    expect(res.status).toBe(201);
    expect(res.body.buyer.email).toBe(amina.email);
    expect((await orderRow(t, res.body.id)).user_id).toBe(amina.id);
    expect((await t.http().get(`/v1/orders/${res.body.id}`).set('authorization', amina.auth)).status).toBe(
      200,
    );
    expect((await t.http().get(`/v1/orders/${res.body.id}`).set('authorization', john.auth)).status).toBe(
      404,
    );
    const mine = await t.http().get('/v1/orders').set('authorization', amina.auth);
    expect(mine.body.items.map((o: any) => o.id)).toEqual([res.body.id]);
    expect((await t.http().get('/v1/orders').set('authorization', john.auth)).body.items).toEqual([]);
  });
});
