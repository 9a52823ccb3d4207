import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import { givenApiKey, givenSeller } from '../support/catalogue-fixtures';
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

let t: TestApp;
let fes: Shop;
let azilal: Shop;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  fes = await givenShop(t, { name: 'Fès zellige', price: 45000, stock: 50 });
  azilal = await givenShop(t, { name: 'Azilal carpets', price: 380000, stock: 50 });
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

const act = (as: { auth: string }, subOrderId: string, action: string, body: Record<string, unknown> = {}) =>
  t.http().post(`/v1/sub-orders/${subOrderId}/${action}`).set('authorization', as.auth).send(body);

/** A paid two-cooperative order; its sub-orders by cooperative. */
async function paidOrder() {
  const { cart, order } = await givenOrder(t, [{ shop: fes, quantity: 2 }, { shop: azilal }]);
  await settlePaid(t, order.id);
  const sub = (shop: Shop) => order.subOrders.find((s: any) => s.cooperativeId === shop.seller.coop.id);
  return { cart, order, fesSub: sub(fes), azilalSub: sub(azilal) };
}

describe('paying an order', () => {
  it('moves the order and its sub-orders to paid, takes the stock, writes the ledger and order.paid', async () => {
    const before = await stockOf(t, fes.variantId);
    const { order } = await givenOrder(t, [{ shop: fes, quantity: 2 }, { shop: azilal }]);
    expect(await stockOf(t, fes.variantId)).toEqual({ stock: before.stock, reserved: before.reserved + 2 });

    await settlePaid(t, order.id);
    await settlePaid(t, order.id); // a second report of the same capture changes nothing

    expect(await stockOf(t, fes.variantId)).toEqual({ stock: before.stock - 2, reserved: before.reserved });
    const row = await orderRow(t, order.id);
    expect(row).toMatchObject({ status: 'paid', reserved_until: null });
    expect(row.paid_at).toBeInstanceOf(Date);
    const subs = await t.db.query(`SELECT status FROM sub_order WHERE order_id = $1`, [order.id]);
    expect(subs.rows.map((r) => r.status)).toEqual(['paid', 'paid']);
    const ledger = await t.db.query(
      `SELECT cooperative_id, kind, amount FROM ledger_entry WHERE order_id = $1 AND account = 'cooperative' ORDER BY kind, cooperative_id`,
      [order.id],
    );
    const fesSub = order.subOrders.find((s: any) => s.cooperativeId === fes.seller.coop.id);
    expect(ledger.rows).toContainEqual({
      cooperative_id: fes.seller.coop.id,
      kind: 'sale',
      amount: String(fesSub.total.amount),
    });
    expect(ledger.rows).toContainEqual({
      cooperative_id: fes.seller.coop.id,
      kind: 'commission',
      amount: '-9000',
    });
    expect(ledger.rows).toHaveLength(4);
    const outbox = await t.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [
      order.id,
    ]);
    expect(outbox.rows.map((r) => r.type)).toEqual(['order.placed', 'order.paid']);
    expect(await historyOf(t, order.id)).toEqual([
      'order ∅→pending_payment by guest',
      'sub ∅→pending_payment by guest',
      'sub ∅→pending_payment by guest',
      'order pending_payment→paid by payment',
      'sub pending_payment→paid by payment',
      'sub pending_payment→paid by payment',
    ]);
  });
});

describe('a payment that fails for good', () => {
  it('cancels the order and its sub-orders, gives the units back and opens the cart again', async () => {
    const before = await stockOf(t, fes.variantId);
    const { cart, order } = await givenOrder(t, [{ shop: fes, quantity: 2 }, { shop: azilal }]);
    const { PaymentsService } = loadNative<typeof import('@souk/payments')>('@souk/payments');

    // what the payments lib does to a payment left unpaid too long: void it, mark it failed
    const payment = await t.app.get(PaymentsService).abandon(order.payment.id);

    expect(payment.status).toBe('failed');
    expect(await stockOf(t, fes.variantId)).toEqual(before);
    expect(await orderRow(t, order.id)).toMatchObject({ status: 'cancelled', reserved_until: null });
    const subs = await t.db.query(`SELECT status FROM sub_order WHERE order_id = $1`, [order.id]);
    expect(subs.rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect((await historyOf(t, order.id)).slice(3)).toEqual([
      'order pending_payment→cancelled by payment',
      'sub pending_payment→cancelled by payment',
      'sub pending_payment→cancelled by payment',
    ]);
    const reopened = await t.http().get(`/v1/carts/${cart.id}`).set(cart.headers);
    expect(reopened.body.orderId).toBeNull();
    const ledger = await t.db.query(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1`, [
      order.id,
    ]);
    expect(ledger.rows[0].n).toBe(0);
  });
});

describe("a cooperative's sub-orders", () => {
  it('go paid → accepted → shipped (with tracking) → delivered; the order completes with the last', async () => {
    const { order, fesSub, azilalSub } = await paidOrder();
    expect(
      (await act(fes.seller, fesSub.id, 'ship', { carrier: 'dhl-express', trackingNumber: '1234567890' }))
        .status,
    ).toBe(409);

    const accepted = await act(fes.seller, fesSub.id, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', commission: { rateBp: 1000 } });
    const shipped = await act(fes.seller, fesSub.id, 'ship', {
      carrier: 'dhl-express',
      trackingNumber: '1234567890',
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      shipping: { trackingCarrier: 'dhl-express', trackingNumber: '1234567890' },
    });
    const event = await t.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'sub_order.shipped' AND aggregate_id = $1`,
      [fesSub.id],
    );
    expect(event.rows[0].payload).toMatchObject({
      orderId: order.id,
      cooperativeId: fes.seller.coop.id,
      carrier: 'dhl-express',
      trackingNumber: '1234567890',
    });
    const again = await act(fes.seller, fesSub.id, 'accept');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentStatus: 'shipped', requestedStatus: 'accepted' });

    expect((await act(fes.seller, fesSub.id, 'deliver')).status).toBe(200);
    expect((await orderRow(t, order.id)).status).toBe('paid'); // Azilal's part is still on its way
    await act(azilal.seller, azilalSub.id, 'accept');
    await act(azilal.seller, azilalSub.id, 'ship', { carrier: 'aramex', trackingNumber: 'AMX-998877' });
    await act(azilal.seller, azilalSub.id, 'deliver');
    expect((await orderRow(t, order.id)).status).toBe('completed');

    const history = await t.db.query(
      `SELECT to_status, actor_kind, actor_id, created_at FROM order_event WHERE sub_order_id = $1 ORDER BY id`,
      [fesSub.id],
    );
    expect(history.rows.map((r) => [r.to_status, r.actor_kind, r.actor_id])).toEqual([
      ['pending_payment', 'guest', null],
      ['paid', 'payment', order.payment.id],
      ['accepted', 'user', fes.seller.id],
      ['shipped', 'user', fes.seller.id],
      ['delivered', 'user', fes.seller.id],
    ]);
    expect(history.rows.every((r) => r.created_at instanceof Date)).toBe(true);
    const orderEvents = await t.db.query(
      `SELECT to_status, actor_id FROM order_event WHERE order_id = $1 AND sub_order_id IS NULL ORDER BY id`,
      [order.id],
    );
    expect(orderEvents.rows.at(-1)).toEqual({ to_status: 'completed', actor_id: azilal.seller.id });
  });

  it('cannot be worked before payment, nor shipped without a tracking number', async () => {
    const { order } = await givenOrder(t, [{ shop: fes }]);
    const sub = order.subOrders[0];
    const early = await act(fes.seller, sub.id, 'accept');
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/pending_payment and cannot become accepted/);
    await settlePaid(t, order.id);
    await act(fes.seller, sub.id, 'accept');
    const noTracking = await act(fes.seller, sub.id, 'ship', { carrier: 'dhl-express' });
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.errors.map((e: any) => e.field)).toEqual(['trackingNumber']);
  });
});

describe('who sees what', () => {
  it('a cooperative lists only its own sub-orders, with where to ship them', async () => {
    const { order, fesSub } = await paidOrder();
    const list = await t
      .http()
      .get(`/v1/cooperatives/${fes.seller.coop.id}/orders`)
      .set('authorization', fes.seller.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.every((s: any) => s.cooperativeId === fes.seller.coop.id)).toBe(true);
    const mine = list.body.items.find((s: any) => s.id === fesSub.id);
    expect(mine).toMatchObject({
      orderId: order.id,
      reference: order.reference,
      shipTo: { country: 'FR', city: 'Lyon' },
    });
    expect(JSON.stringify(list.body)).not.toContain(azilal.variantId);

    const filtered = await t
      .http()
      .get(`/v1/cooperatives/${fes.seller.coop.id}/orders?status=accepted,shipped`)
      .set('authorization', fes.seller.auth);
    expect(filtered.body.items.find((s: any) => s.id === fesSub.id)).toBeUndefined();
  });

  it("a cooperative cannot read, list or work another's sub-orders", async () => {
    const { order, azilalSub } = await paidOrder();
    expect(
      (await t.http().get(`/v1/sub-orders/${azilalSub.id}`).set('authorization', fes.seller.auth)).status,
    ).toBe(404);
    const list = await t
      .http()
      .get(`/v1/cooperatives/${azilal.seller.coop.id}/orders`)
      .set('authorization', fes.seller.auth);
    expect(list.status).toBe(403);
    const accept = await act(fes.seller, azilalSub.id, 'accept');
    expect(accept.status).toBe(404);
    expect((await orderRow(t, order.id)).status).toBe('paid');
    const sub = await t.db.query(`SELECT status FROM sub_order WHERE id = $1`, [azilalSub.id]);
    expect(sub.rows[0].status).toBe('paid');
    // nor the buyer's whole order
    expect((await t.http().get(`/v1/orders/${order.id}`).set('authorization', fes.seller.auth)).status).toBe(
      404,
    );
  });

  it("a buyer cannot read another buyer's order; admins see all, with the commission", async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const john = await signUp(t, { name: 'John' });
    const { order } = await givenOrder(t, [{ shop: fes }], { buyer: amina });
    expect((await t.http().get(`/v1/orders/${order.id}`).set('authorization', john.auth)).status).toBe(404);
    const own = await t.http().get(`/v1/orders/${order.id}`).set('authorization', amina.auth);
    expect(own.status).toBe(200);
    expect(own.body.subOrders[0].commission).toBeUndefined();
    const asAdmin = await t.http().get(`/v1/orders/${order.id}`).set('authorization', admin.auth);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.subOrders[0].commission).toEqual({
      rateBp: 1000,
      amount: { amount: 4500, currency: 'MAD' },
    });
    const adminList = await t
      .http()
      .get(`/v1/cooperatives/${azilal.seller.coop.id}/orders`)
      .set('authorization', admin.auth);
    expect(adminList.status).toBe(200);
  });

  it('API keys: one bound to a cooperative works its orders with orders:write, reads with orders:read only', async () => {
    const { azilalSub } = await paidOrder();
    const reader = await givenApiKey(t, admin, {
      scopes: ['orders:read'],
      cooperativeId: azilal.seller.coop.id,
    });
    const writer = await givenApiKey(t, admin, {
      scopes: ['orders:read', 'orders:write'],
      cooperativeId: azilal.seller.coop.id,
    });
    const other = await givenApiKey(t, admin, {
      scopes: ['orders:read', 'orders:write'],
      cooperativeId: fes.seller.coop.id,
    });
    expect((await t.http().get(`/v1/sub-orders/${azilalSub.id}`).set('authorization', reader)).status).toBe(
      200,
    );
    expect((await act({ auth: reader }, azilalSub.id, 'accept')).status).toBe(403);
    expect((await act({ auth: other }, azilalSub.id, 'accept')).status).toBe(404);
    expect((await act({ auth: writer }, azilalSub.id, 'accept')).status).toBe(200);
  });

  it('a manager of the cooperative works its orders; a signed-in stranger cannot', async () => {
    const { fesSub } = await paidOrder();
    const manager = await givenSeller(t, { name: 'Manager', role: 'manager', coop: fes.seller.coop });
    const stranger = await signUp(t, { name: 'Stranger' });
    expect((await act(stranger, fesSub.id, 'accept')).status).toBe(404);
    expect((await act(manager, fesSub.id, 'accept')).status).toBe(200);
  });
});

describe('commission', () => {
  it("admins set a cooperative's rate; members read it; orders placed after use it", async () => {
    const shop = await givenShop(t, { name: 'Safi', price: 10000 });
    const path = `/v1/cooperatives/${shop.seller.coop.id}/commission`;
    expect((await t.http().get(path).set('authorization', shop.seller.auth)).body).toMatchObject({
      rateBp: 1000,
      isDefault: true,
    });
    expect(
      (await t.http().put(path).set('authorization', shop.seller.auth).send({ rateBp: 100 })).status,
    ).toBe(403);
    const bad = await t.http().put(path).set('authorization', admin.auth).send({ rateBp: 12000 });
    expect(bad.status).toBe(400);
    const set = await t.http().put(path).set('authorization', admin.auth).send({ rateBp: 750 });
    expect(set.body).toMatchObject({ rateBp: 750, isDefault: false });
    const { order } = await givenOrder(t, [{ shop, quantity: 3 }]);
    const sub = await t.db.query(`SELECT commission_bp, commission_mad FROM sub_order WHERE order_id = $1`, [
      order.id,
    ]);
    expect(sub.rows[0]).toEqual({ commission_bp: 750, commission_mad: '2250' });
  });
});
