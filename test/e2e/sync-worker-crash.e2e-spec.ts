import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { FakeEtsy } from '../fakes/etsy';
import { givenProduct, givenSeller, type Seller } from '../support/catalogue-fixtures';
import { connectChannel, editProduct, outboxDrained, syncEnv } from '../support/sync-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';
const PRODUCTS = 24;

let t: TestApp;
let etsy: FakeEtsy;
let seller: Seller;
let env: Record<string, string>;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  etsy = await FakeEtsy.start({ perSecond: 20, latencyMs: 20 });
  env = syncEnv({ etsy: etsy.url }, { LISTING_SYNC_RATE_LIMITS: 'etsy=20' });
  // The API alone: the worker runs in a child process the test kills.
  t = await startTestApp({ withWorker: false, env });
  seller = await givenSeller(t, { name: 'Azilal' });
  expect((await connectChannel(t, seller, { channel: 'etsy', credentials: etsy.credentials() })).status).toBe(
    201,
  );
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await t?.close();
  await etsy?.close();
});

/** `npm run start:worker` without the build: the worker process on this file's database and queues. */
function startWorker(): ChildProcess {
  const childEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: t.config.DATABASE_URL,
    JWT_SECRET: t.config.JWT_SECRET,
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    DATABASE_POOL_SIZE: '5',
  };
  if (t.config.REDIS_URL) childEnv.REDIS_URL = t.config.REDIS_URL;
  else delete childEnv.REDIS_URL;
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    { env: childEnv, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  workers.push(child);
  return child;
}

const creates = () => etsy.server.requests('POST', /\/shops\/\d+\/listings$/).length;

describe(`a worker killed in the middle of a batch, on ${backend}`, () => {
  it('loses nothing and creates no duplicate once a worker runs again', async () => {
    const products: any[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      products.push(
        await givenProduct(t, seller, { title: { en: `Azilal rug ${i}`, fr: `Tapis d'Azilal ${i}` } }),
      );
    }

    const first = startWorker();
    await eventually(async () => creates() >= 6, 60_000, 'the first worker creating listings');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const createdBeforeKill = creates();
    expect(createdBeforeKill).toBeLessThan(PRODUCTS);

    // Edits while no worker runs: they wait in the outbox.
    for (const p of products.slice(0, 6)) {
      await editProduct(t, seller, p.id, { title: { en: `${p.title.en}, edited`, fr: p.title.fr } });
    }

    startWorker();
    await eventually(
      async () => {
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM channel_listing WHERE cooperative_id = $1 AND status = 'synced'`,
          [seller.coop.id],
        );
        return rows[0].n === PRODUCTS;
      },
      90_000,
      'every listing synced after the restart',
    );
    await outboxDrained(t);

    // Exactly one Etsy listing per product, holding the latest content.
    expect(etsy.listings.size).toBe(PRODUCTS);
    const { rows } = await t.db.query(
      `SELECT l.product_id, l.external_id, p.title->>'en' AS title
         FROM channel_listing l JOIN product p ON p.id = l.product_id WHERE l.cooperative_id = $1`,
      [seller.coop.id],
    );
    for (const row of rows) {
      const product = products.find((p) => p.id === row.product_id);
      expect(etsy.withSku(product.variants[0].sku).map((l) => String(l.listing_id))).toEqual([
        row.external_id,
      ]);
      expect(etsy.listings.get(Number(row.external_id))).toMatchObject({ title: row.title, state: 'active' });
    }
    expect(rows.filter((r) => r.title.endsWith(', edited'))).toHaveLength(6);
    expect((await t.db.query(`SELECT 1 FROM listing_sync_failure`)).rowCount).toBe(0);
  });
});
