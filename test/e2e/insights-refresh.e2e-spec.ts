import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { type Actor, signUp } from '../support/actors';
import { loadNative } from '../support/native';
import { givenShop, insertOrder } from '../support/reviews-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

type Insights = typeof import('@souk/insights');

let t: TestApp;
let admin: Actor;
let queue: Queue;
beforeAll(async () => {
  t = await startTestApp({ withWorker: true, env: { INSIGHTS_REFRESH_DEBOUNCE_SECONDS: '2' } });
  admin = await signUp(t, { name: 'Admin', admin: true });
  queue = t.app.get<Queue>('BullQueue_insights');
});
afterAll(async () => {
  await t?.close();
});

/** A paid order and its order.paid event, as checkout's settlement writes them (one transaction). */
async function paidOrder(db: Pool, productId: string, country: string): Promise<string> {
  const order = await insertOrder(db, {
    buyerId: null,
    country,
    status: 'paid',
    subOrderStatus: 'paid',
    lines: [{ productId }],
  });
  await db.query(
    `WITH e AS (INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
                VALUES ('order.paid', 'order', $1, jsonb_build_object('orderId', $1::text)) RETURNING id)
     SELECT pg_notify('souk_outbox', '') FROM e`,
    [order.id],
  );
  return order.id;
}

const exportsTotals = async () =>
  (await t.http().get('/v1/insights/exports').set('authorization', admin.auth).expect(200)).body.totals;
/** Sales refreshes asked for and not yet done (the schedule's own next job always waits, delayed). */
const pendingSalesRefreshes = async () =>
  (await queue.getJobs(['delayed', 'waiting', 'active'])).filter((j) => j.name === 'sales-refresh').length;
const refreshes = async (): Promise<number> =>
  Number((await t.db.query(`SELECT refreshes FROM insight_refresh`)).rows[0]?.refreshes ?? 0);

describe('keeping the insights fresh', () => {
  it('schedules a periodic refresh with the job scheduler', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'scheduled-refresh', name: 'scheduled-refresh', every: 15 * 60_000 }),
    ]);
  });

  it('refreshes within seconds of a paid order, through the outbox event', async () => {
    // The schedule runs once as the worker starts: let that one pass, so only the event can explain what follows.
    await eventually(async () => (await refreshes()) >= 1, 30_000, 'the first scheduled refresh');
    await eventually(async () => (await exportsTotals()).orders === 0, 30_000);
    const shop = await givenShop(t.db, { price: 30000 });
    await paidOrder(t.db, shop.productId, 'US');
    await eventually(
      async () => (await exportsTotals()).orders === 1,
      30_000,
      'the paid order in the insights',
    );
    const totals = await exportsTotals();
    expect(totals.revenue).toEqual({ amount: 30000, currency: 'MAD' });
    expect(totals.markets).toBe(1);
    const { rows } = await t.db.query(`SELECT reason FROM insight_refresh`);
    expect(rows).toEqual([{ reason: 'sales' }]);
  });

  it('costs one refresh for a burst of paid orders', async () => {
    const shop = await givenShop(t.db, { price: 10000 });
    await eventually(async () => (await pendingSalesRefreshes()) === 0, 30_000, 'no refresh under way');
    const before = await refreshes();
    const { orders: seen } = await exportsTotals();

    for (const country of ['FR', 'ES', 'GB', 'DE', 'CA']) await paidOrder(t.db, shop.productId, country);

    await eventually(
      async () => (await exportsTotals()).orders === seen + 5,
      30_000,
      'the burst in the insights',
    );
    await eventually(async () => (await pendingSalesRefreshes()) === 0, 30_000, 'the refresh done');
    // One window, or two when the burst straddles a window's end: never one per order.
    expect((await refreshes()) - before).toBeGreaterThanOrEqual(1);
    expect((await refreshes()) - before).toBeLessThanOrEqual(2);
  });

  it('asks for one job per debounce window however many events arrive in it', async () => {
    const { SalesChangedSubscriber } = loadNative<Insights>('@souk/insights');
    const subscriber = t.app.get(SalesChangedSubscriber);
    const window = () => Math.floor(Date.now() / 2000);
    const first = window();
    for (let i = 0; i < 5; i++) {
      await subscriber.deliver([
        {
          id: String(1000 + i),
          type: 'order.paid',
          aggregateType: 'order',
          aggregateId: 'x',
          payload: {},
          createdAt: new Date(),
          attempts: 1,
        },
      ]);
    }
    const windows = new Set([first, window()]);
    const jobs = (await queue.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter((j) =>
      [...windows].some((w) => j.id === `sales-${w}`),
    );
    expect(jobs.length).toBe(windows.size);
    expect(jobs.every((j) => j.name === 'sales-refresh')).toBe(true);
  });
});
