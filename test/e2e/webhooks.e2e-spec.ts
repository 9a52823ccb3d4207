import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FakePartner } from '../fakes/partner';
import { type Actor, givenApiKey, signUp } from '../support/actors';
import { givenCooperative } from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

/** The check the README gives partners, line for line. */
function verify(secret: string, header: string, rawBody: string, toleranceSeconds = 300): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let t: TestApp;
let partner: FakePartner;
let admin: Actor;

beforeAll(async () => {
  partner = await new FakePartner().start();
  t = await startTestApp({
    withWorker: true,
    env: { WEBHOOK_RETRY_BASE_MS: '50', OUTBOX_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '1000' },
  });
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
  await partner?.stop();
});

/** An event as a lib writes it: an outbox row in its own transaction, and the NOTIFY that wakes the relay. */
async function emit(type: string, payload: Record<string, unknown>): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload) VALUES ($1, 'test', $2, $3) RETURNING id::text`,
    [type, String(payload.orderId ?? payload.productId ?? 'x'), payload],
  );
  await t.db.query(`SELECT pg_notify('souk_outbox', '')`);
  return `evt_${rows[0].id}`;
}

async function endpoint(
  auth: string,
  path: string,
  events: string[],
): Promise<{ id: string; secret: string }> {
  const res = await t
    .http()
    .post('/v1/webhooks/endpoints')
    .set('authorization', auth)
    .send({ url: partner.url + path, events });
  expect(res.status).toBe(201);
  return res.body;
}

const deliveriesOf = async (auth: string, id: string) =>
  (await t.http().get(`/v1/webhooks/endpoints/${id}/deliveries`).set('authorization', auth).expect(200)).body
    .items;

describe('partner webhooks', () => {
  it('delivers a subscribed event once, signed so that the documented check accepts it and refuses a forgery', async () => {
    const hook = await endpoint(admin.auth, '/orders', ['order.paid']);
    expect(hook.secret).toMatch(/^whsec_/);
    const eventId = await emit('order.paid', { orderId: 'o-1', total: { amount: 45000, currency: 'MAD' } });
    await emit('product.updated', { productId: 'p-1' }); // not subscribed

    await eventually(async () => partner.at('/orders').length === 1, 15_000, 'delivery');
    const [got] = partner.at('/orders');
    expect(JSON.parse(got.body)).toMatchObject({ id: eventId, type: 'order.paid', data: { orderId: 'o-1' } });
    expect(got.headers['souk-event-type']).toBe('order.paid');
    const header = got.headers['souk-signature'] as string;
    expect(verify(hook.secret, header, got.body)).toBe(true);
    expect(verify(hook.secret, header, got.body.replace('45000', '1'))).toBe(false);
    expect(verify('whsec_not-the-secret', header, got.body)).toBe(false);
    const stale = header.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 3600}`);
    expect(verify(hook.secret, stale, got.body)).toBe(false);

    await new Promise((r) => setTimeout(r, 300));
    expect(partner.at('/orders')).toHaveLength(1);
    const [log] = await deliveriesOf(admin.auth, hook.id);
    expect(log).toMatchObject({ eventId, status: 'succeeded', attempts: 1, lastStatusCode: 200 });
  });

  it('retries a failing endpoint with backoff and logs every attempt; a replay sends it again', async () => {
    const hook = await endpoint(admin.auth, '/flaky', ['sub_order.shipped']);
    partner.answer(500, 503);
    await emit('sub_order.shipped', { subOrderId: 's-1' });

    await eventually(
      async () => (await deliveriesOf(admin.auth, hook.id))[0]?.status === 'succeeded',
      15_000,
      'retried delivery',
    );
    const [log] = await deliveriesOf(admin.auth, hook.id);
    expect(log.attempts).toBe(3);
    expect(log.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    expect(partner.at('/flaky')).toHaveLength(3);

    await t
      .http()
      .post(`/v1/webhooks/deliveries/${log.id}/replay`)
      .set('authorization', admin.auth)
      .expect(202);
    await eventually(async () => partner.at('/flaky').length === 4, 15_000, 'replayed delivery');
    await eventually(
      async () => (await deliveriesOf(admin.auth, hook.id))[0].attempts === 4,
      5_000,
      'logged replay',
    );
  });

  it('gives a key bound to a cooperative only that cooperative’s events, and only its own endpoints', async () => {
    const [fes, safi] = [await givenCooperative(t), await givenCooperative(t)];
    const fesKey = await givenApiKey(t, admin, { scopes: ['webhooks:manage'], cooperativeId: fes.id });
    const otherKey = await givenApiKey(t, admin, { scopes: ['webhooks:manage'] });
    const hook = await endpoint(fesKey, '/fes', ['order.paid']);

    await emit('order.paid', { orderId: 'safi-order', cooperativeId: safi.id });
    await emit('order.paid', { orderId: 'fes-order', cooperativeId: fes.id });
    await eventually(async () => partner.at('/fes').length >= 1, 15_000, 'bound delivery');
    await new Promise((r) => setTimeout(r, 300));
    expect(partner.at('/fes').map((r) => JSON.parse(r.body).data.orderId)).toEqual(['fes-order']);

    const mine = await t.http().get('/v1/webhooks/endpoints').set('authorization', fesKey).expect(200);
    expect(mine.body.items.map((e: { id: string }) => e.id)).toEqual([hook.id]);
    await t
      .http()
      .get(`/v1/webhooks/endpoints/${hook.id}/deliveries`)
      .set('authorization', otherKey)
      .expect(404);
    await t.http().delete(`/v1/webhooks/endpoints/${hook.id}`).set('authorization', otherKey).expect(404);
  });

  it('stops delivering to a disabled endpoint', async () => {
    const hook = await endpoint(admin.auth, '/disabled', ['listing.failed']);
    await t.http().delete(`/v1/webhooks/endpoints/${hook.id}`).set('authorization', admin.auth).expect(204);
    await emit('listing.failed', { productId: 'p-2' });
    const canary = await endpoint(admin.auth, '/canary', ['listing.failed']);
    await emit('listing.failed', { productId: 'p-3' });
    await eventually(async () => partner.at('/canary').length >= 1, 15_000, 'canary delivery');
    expect(partner.at('/disabled')).toHaveLength(0);
    expect(canary.id).not.toBe(hook.id);
  });

  it('refuses buyers, keys without the scope, and bad subscriptions', async () => {
    const buyer = await signUp(t, { name: 'Buyer' });
    await t.http().get('/v1/webhooks/endpoints').set('authorization', buyer.auth).expect(403);
    await t.http().get('/v1/webhooks/endpoints').expect(401);
    const reader = await givenApiKey(t, admin, { scopes: ['catalogue:read'] });
    await t
      .http()
      .post('/v1/webhooks/endpoints')
      .set('authorization', reader)
      .send({ url: partner.url, events: ['order.paid'] })
      .expect(403);
    const bad = await t
      .http()
      .post('/v1/webhooks/endpoints')
      .set('authorization', admin.auth)
      .send({ url: 'ftp://x', events: ['order.lost'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events', 'url']);
  });
});
