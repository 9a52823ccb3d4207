import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { OutboxRelay, RelayedEvent } from '@souk/platform';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadNative } from '../support/native';
import { testConfig } from '../support/test-app';
import { eventually } from '../support/wait';

type Platform = typeof import('@souk/platform');

/**
 * The relay on its own, against a real database: relays are built by hand with subscribers the
 * test defines (in the app they are found by the @OutboxSubscriber decorator).
 */
interface TestSubscriber {
  name: string;
  types: string[];
  got: RelayedEvent[];
  deliver(events: RelayedEvent[]): Promise<void>;
}

let database: TestDatabase;
let pool: Pool;
let platform: Platform;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  platform = loadNative<Platform>('@souk/platform');
  loadNative<typeof import('@nestjs/common')>('@nestjs/common').Logger.overrideLogger(false);
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 8 });
});
afterAll(async () => {
  for (const relay of relays) await relay.onApplicationShutdown();
  await pool?.end();
  await database?.drop();
});
beforeEach(async () => {
  await pool.query(`DELETE FROM outbox_event`);
});

const sql = {
  rows: async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows,
  one: async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0],
};

function subscriber(
  name: string,
  types: string[],
  behaviour?: (events: RelayedEvent[]) => Promise<void>,
): TestSubscriber {
  const s: TestSubscriber = {
    name,
    types,
    got: [],
    async deliver(events) {
      await behaviour?.(events);
      s.got.push(...events);
    },
  };
  return s;
}

function relayWith(subscribers: TestSubscriber[], env: Record<string, string> = {}): OutboxRelay {
  const discovery = {
    getProviders: () => subscribers.map((s) => ({ instance: s })),
    getMetadataByDecorator: (_: unknown, wrapper: { instance: TestSubscriber }) => ({
      name: wrapper.instance.name,
      types: wrapper.instance.types,
    }),
  };
  const config = testConfig(database.url, { OUTBOX_POLL_MS: '60000', OUTBOX_LEASE_SECONDS: '2', ...env });
  const relay = new platform.OutboxRelay(sql as never, discovery as never, config, new platform.Metrics());
  relays.push(relay);
  return relay;
}

/** Writes events the way the services do: Outbox.add inside a transaction. */
async function write(events: { type: string; aggregateId?: string }[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tx = {
      rows: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows,
    } as never;
    await new platform.Outbox().add(
      tx,
      ...events.map((e, i) => ({
        type: e.type,
        aggregateType: 'product',
        aggregateId: e.aggregateId ?? `p${i}`,
        payload: { i },
      })),
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const drain = async (relay: OutboxRelay) => {
  while ((await relay.relayBatch()) > 0);
};

describe('the outbox relay', () => {
  it('hands each event once to every subscriber of its type, in order, and marks it sent', async () => {
    const products = subscriber('products', ['product.updated', 'product.archived']);
    const orders = subscriber('orders', ['order.paid']);
    const relay = relayWith([products, orders]);
    relay.onApplicationBootstrap();
    await relay.onApplicationShutdown(); // discovery done; the test drives the batches itself
    await write([
      { type: 'product.updated' },
      { type: 'order.paid' },
      { type: 'product.archived' },
      { type: 'nobody.cares' },
    ]);

    await drain(relay);
    expect(products.got.map((e) => [e.type, e.payload.i])).toEqual([
      ['product.updated', 0],
      ['product.archived', 2],
    ]);
    expect(orders.got.map((e) => e.type)).toEqual(['order.paid']);
    const { rows } = await pool.query(
      `SELECT type, sent_at, attempts, delivered_to FROM outbox_event ORDER BY id`,
    );
    expect(rows.map((r) => [r.type, r.sent_at !== null, r.attempts, r.delivered_to])).toEqual([
      ['product.updated', true, 1, ['products']],
      ['order.paid', true, 1, ['orders']],
      ['product.archived', true, 1, ['products']],
      ['nobody.cares', true, 1, []],
    ]);
    await drain(relay);
    expect(products.got).toHaveLength(2);
  });

  it('retries a failing subscriber with backoff, and only that one', async () => {
    let failures = 1;
    const steady = subscriber('steady', ['product.updated']);
    const flaky = subscriber('flaky', ['product.updated'], async () => {
      if (failures-- > 0) throw new Error('queue away');
    });
    const relay = relayWith([steady, flaky]);
    relay.onApplicationBootstrap();
    await relay.onApplicationShutdown();
    await write([{ type: 'product.updated' }]);

    await drain(relay);
    const { rows: first } = await pool.query(`SELECT * FROM outbox_event`);
    expect(first[0]).toMatchObject({
      sent_at: null,
      attempts: 1,
      delivered_to: ['steady'],
      last_error: 'flaky: queue away',
    });
    expect(first[0].available_at.getTime()).toBeGreaterThan(Date.now() + 200);

    await eventually(async () => (await relay.relayBatch()) === 1, 5_000, 'the retry after backoff');
    expect(steady.got).toHaveLength(1);
    expect(flaky.got).toHaveLength(1);
    const { rows } = await pool.query(`SELECT * FROM outbox_event`);
    expect(rows[0]).toMatchObject({ attempts: 2, last_error: null });
    expect(rows[0].delivered_to.sort()).toEqual(['flaky', 'steady']);
    expect(rows[0].sent_at).not.toBeNull();
  });

  it('never hands an event out twice when several relays drain at once', async () => {
    // Each delivery takes a moment, as a queue call would, so the relays' claims overlap.
    const subscribers = [0, 1, 2].map((i) =>
      subscriber(`s${i}`, ['product.updated'], () => new Promise((r) => setTimeout(r, 100))),
    );
    const all = subscribers.map((s) =>
      relayWith([{ ...s, name: 'shared', deliver: s.deliver } as TestSubscriber]),
    );
    for (const relay of all) {
      relay.onApplicationBootstrap();
      await relay.onApplicationShutdown();
    }
    for (let i = 0; i < 3; i++) await write(Array.from({ length: 200 }, () => ({ type: 'product.updated' })));

    await Promise.all(all.map(drain));
    const ids = subscribers.flatMap((s) => s.got.map((e) => e.id));
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(subscribers.filter((s) => s.got.length > 0).length).toBeGreaterThan(1);
  });

  it('gives back the claim of a relay that died once its lease is over', async () => {
    const survivor = subscriber('survivor', ['product.updated']);
    const relay = relayWith([survivor]);
    relay.onApplicationBootstrap();
    await relay.onApplicationShutdown();
    await write([{ type: 'product.updated' }]);
    // A relay claims the event and dies before handing it over.
    await pool.query(
      `UPDATE outbox_event SET available_at = now() + interval '2 seconds', attempts = attempts + 1`,
    );

    expect(await relay.relayBatch()).toBe(0);
    await eventually(async () => (await relay.relayBatch()) === 1, 6_000, 'the claim coming back');
    expect(survivor.got).toHaveLength(1);
  });

  it('is woken by the NOTIFY of a commit, long before its poll', async () => {
    const quick = subscriber('quick', ['product.updated']);
    const relay = relayWith([quick], { OUTBOX_POLL_MS: '60000' });
    relay.onApplicationBootstrap();
    await eventually(
      async () =>
        (await pool.query(`SELECT 1 FROM pg_stat_activity WHERE query ILIKE 'LISTEN souk_outbox%'`))
          .rowCount! > 0,
      5_000,
      'the relay listening',
    );
    const started = Date.now();
    await write([{ type: 'product.updated' }]);
    await eventually(async () => quick.got.length === 1, 5_000, 'delivery after NOTIFY');
    expect(Date.now() - started).toBeLessThan(1_000);
    await relay.onApplicationShutdown();
  });
});
