import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { FakeAnou } from '../fakes/anou';
import { givenProduct, givenSeller, type Seller } from '../support/catalogue-fixtures';
import {
  anouCredentials,
  connectChannel,
  editProduct,
  listingWhen,
  outboxDrained,
  syncEnv,
} from '../support/sync-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

/**
 * Redis stops while cooperatives keep editing: the API must keep accepting writes (the outbox is
 * in PostgreSQL) and the sync must catch up once Redis is back. This runs its own redis-server on
 * a port of its own, never the machine's shared one.
 */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const suite = hasRedisServer ? describe : describe.skip;
if (!hasRedisServer) console.warn('sync-redis-outage: skipped, no redis-server binary on this machine');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

let port: number;
let redis: ChildProcess | undefined;

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await eventually(
    async () =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG',
    10_000,
    'redis up',
  );
}

async function stopRedis(): Promise<void> {
  const exited = new Promise((resolve) => redis!.once('exit', resolve));
  redis!.kill('SIGKILL');
  await exited;
  redis = undefined;
}

let t: TestApp;
let anou: FakeAnou;
let seller: Seller;
suite('listing sync through a Redis outage', () => {
  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    anou = await FakeAnou.start();
    t = await startTestApp({
      withWorker: true,
      env: syncEnv({ anou: anou.url }, { REDIS_URL: `redis://127.0.0.1:${port}` }),
    });
    seller = await givenSeller(t, { name: 'Outage' });
    expect(
      (await connectChannel(t, seller, { channel: 'anou', credentials: anouCredentials() })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    if (!redis) await startRedis().catch(() => undefined); // lets the app close its connections
    await t?.close();
    await anou?.close();
    redis?.kill('SIGKILL');
  });

  it('accepts writes while Redis is down, and syncs them once it is back', async () => {
    const before = await givenProduct(t, seller);
    await listingWhen(t, before.id, 'anou', (r) => r.status === 'synced');

    await stopRedis();
    const started = Date.now();
    await editProduct(t, seller, before.id, {
      title: { en: 'Edited while Redis was down', fr: 'Modifié sans Redis' },
    });
    const during = await givenProduct(t, seller, {
      title: { en: 'Created while Redis was down', fr: 'Créé sans Redis' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);

    // The relay tries, fails to reach the queue, and keeps the events with their error.
    await eventually(
      async () =>
        (
          await t.db.query(
            `SELECT 1 FROM outbox_event WHERE sent_at IS NULL AND aggregate_id = $1 AND attempts >= 1 AND last_error IS NOT NULL`,
            [during.id],
          )
        ).rowCount === 1,
      20_000,
      'the relay failing to queue while Redis is down',
    );
    expect(anou.listing(during.id)).toBeUndefined();

    await startRedis();
    await listingWhen(
      t,
      during.id,
      'anou',
      (r) => r.status === 'synced',
      60_000,
      'new product synced after Redis',
    );
    await eventually(
      async () => anou.listing(before.id)?.body.title.en === 'Edited while Redis was down',
      60_000,
      'edit synced after Redis',
    );
    await listingWhen(t, before.id, 'anou', (r) => r.status === 'synced');
    await outboxDrained(t, 30_000);
    expect(anou.listing(during.id)!.body.title.en).toBe('Created while Redis was down');
    // Nothing pushed twice for the same content.
    for (const id of [before.id, during.id]) {
      const hashes = anou.pushesOf(id).map((p) => p.contentHash);
      expect(new Set(hashes).size).toBe(hashes.length);
    }
  });
});
