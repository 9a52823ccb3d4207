import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPostgresBackend, Queue } from 'bullmq';
import { FakeEtsy } from '../fakes/etsy';
import { givenProduct, givenSeller, type Seller } from '../support/catalogue-fixtures';
import { loadNative } from '../support/native';
import { connectChannel, editProduct, listingRow, listingWhen, syncEnv } from '../support/sync-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

type Platform = typeof import('@souk/platform');

const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

let t: TestApp;
let etsy: FakeEtsy;
let seller: Seller;
let queue: Queue;
beforeAll(async () => {
  etsy = await FakeEtsy.start({ perSecond: 10 });
  t = await startTestApp({ withWorker: true, env: syncEnv({ etsy: etsy.url }) });
  seller = await givenSeller(t, { name: 'Beni Ourain' });
  const res = await connectChannel(t, seller, { channel: 'etsy', credentials: etsy.credentials() });
  expect(res.status).toBe(201);
  const { queueConnection } = loadNative<Platform>('@souk/platform');
  queue = new Queue(
    'listing-sync-etsy',
    { connection: queueConnection(t.config) as never, prefix: t.config.QUEUE_PREFIX },
    (t.config.REDIS_URL ? undefined : createPostgresBackend) as never,
  );
});
afterAll(async () => {
  await queue?.close();
  await t?.close();
  await etsy?.close();
});

const callsFor = (listingId: string) =>
  etsy.server.log
    .filter((r) => r.path.includes(`/listings/${listingId}`))
    .map((r) => `${r.method} ${r.status}`);

async function syncedProduct(overrides: Record<string, unknown> = {}) {
  const product = await givenProduct(t, seller, overrides);
  const row = await listingWhen(
    t,
    product.id,
    'etsy',
    (r) => r.status === 'synced',
    30_000,
    'first sync to Etsy',
  );
  return { product, row, listing: etsy.listings.get(Number(row.external_id))! };
}

describe(`listing sync to Etsy on ${backend}`, () => {
  it('creates a draft, stocks it and activates it, with the app key and the shop token', async () => {
    const { product, row, listing } = await syncedProduct();
    expect(listing).toMatchObject({
      title: 'Blue serving bowl',
      state: 'active',
      quantity: 10,
      who_made: 'collective',
      when_made: 'made_to_order',
      taxonomy_id: 1,
      skus: [product.variants[0].sku],
      // 450.00 MAD at 9.27 MAD to the dollar
      price: { amount: 4854, divisor: 100, currency_code: 'USD' },
    });
    expect(listing.description).toContain('Hand-thrown, cobalt glaze.');
    expect(callsFor(row.external_id!)).toEqual(['PUT 200', 'PATCH 200']);
    expect(row.create_started_at).toBeNull();
  });

  it('sends an edit once (fields and inventory), and a stock change as inventory alone', async () => {
    const { product, row } = await syncedProduct();
    await editProduct(t, seller, product.id, {
      title: { en: 'Beni Ourain rug, 2 x 3 m', fr: 'Tapis Beni Ourain' },
    });
    const edited = await listingWhen(
      t,
      product.id,
      'etsy',
      (r) => r.status === 'synced' && r.synced_hash !== row.synced_hash,
    );
    expect(etsy.listings.get(Number(row.external_id))!.title).toBe('Beni Ourain rug, 2 x 3 m');
    const stock = await t
      .http()
      .post(`/v1/products/${product.id}/stock`)
      .set('authorization', seller.auth)
      .send({ variantId: product.variants[0].id, delta: -4 });
    expect(stock.status).toBe(200);
    await listingWhen(
      t,
      product.id,
      'etsy',
      (r) => r.status === 'synced' && r.synced_hash !== edited.synced_hash,
    );
    expect(callsFor(row.external_id!)).toEqual(['PUT 200', 'PATCH 200', 'PUT 200', 'PATCH 200', 'PUT 200']);
    expect(etsy.listings.get(Number(row.external_id))!.quantity).toBe(6);
  });

  it('refreshes an expired token once for concurrent calls, and keeps the rotated refresh token', async () => {
    const { rows: before } = await t.db.query(
      `SELECT credentials FROM channel_connection WHERE cooperative_id = $1`,
      [seller.coop.id],
    );
    const products = await Promise.all([1, 2, 3].map(() => givenProduct(t, seller)));
    await Promise.all(
      products.map((p) => listingWhen(t, p.id, 'etsy', (r) => r.status === 'synced', 30_000)),
    );
    etsy.expireAccessTokens();
    await Promise.all(
      products.map((p, i) => editProduct(t, seller, p.id, { title: { en: `Kilim ${i}`, fr: `Kilim ${i}` } })),
    );
    await Promise.all(
      products.map((p, i) =>
        eventually(async () => {
          const row = await listingRow(t, p.id, 'etsy');
          return (
            row?.status === 'synced' && etsy.listings.get(Number(row.external_id))?.title === `Kilim ${i}`
          );
        }, 30_000),
      ),
    );
    expect(etsy.refreshes).toBe(1);
    const { rows: after } = await t.db.query(
      `SELECT credentials FROM channel_connection WHERE cooperative_id = $1`,
      [seller.coop.id],
    );
    expect(after[0].credentials.equals(before[0].credentials)).toBe(false);
    // The rotated refresh token works: a second expiry is survived too.
    etsy.expireAccessTokens();
    await editProduct(t, seller, products[0].id, { title: { en: 'Kilim again', fr: 'Kilim encore' } });
    await eventually(async () => {
      const row = await listingRow(t, products[0].id, 'etsy');
      return etsy.listings.get(Number(row!.external_id))?.title === 'Kilim again' && row!.status === 'synced';
    }, 30_000);
    expect(etsy.refreshes).toBe(2);
  });

  it('never creates a second listing when the answer to a create is lost', async () => {
    etsy.server.inject('lost-answer', 1, 'POST', /\/shops\/\d+\/listings$/);
    const { product, row } = await syncedProduct({
      title: { fr: 'Pouf en cuir', en: 'Leather pouf from Fès' },
    });
    const withTitle = [...etsy.listings.values()].filter((l) => l.title === 'Leather pouf from Fès');
    expect(withTitle).toHaveLength(1);
    expect(String(withTitle[0].listing_id)).toBe(row.external_id);
    expect(etsy.withSku(product.variants[0].sku)).toHaveLength(1);
    expect(row.attempts).toBe(2);
  });

  it('refuses a listing Etsy would refuse without calling Etsy, and keeps it as failed', async () => {
    const before = etsy.server.log.length;
    const product = await givenProduct(t, seller, { title: { fr: 'Tapis', en: 'A'.repeat(141) } });
    const row = await listingWhen(t, product.id, 'etsy', (r) => r.status === 'failed');
    expect(row.last_error).toMatch(/Etsy titles are at most 140 characters/);
    expect(etsy.server.log.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('stays within 10 requests a second while syncing a batch, and obeys an injected 429', async () => {
    etsy.server.inject(429, 1, 'PUT');
    const products = [];
    for (let i = 0; i < 12; i++)
      products.push(await givenProduct(t, seller, { title: { en: `Batch bowl ${i}`, fr: `Bol ${i}` } }));
    await Promise.all(
      products.map((p) => listingWhen(t, p.id, 'etsy', (r) => r.status === 'synced', 60_000)),
    );
    expect(etsy.server.overLimit).toBe(0);
    expect(etsy.server.peakPerSecond()).toBeLessThanOrEqual(10);
    for (const p of products) expect(etsy.withSku(p.variants[0].sku)).toHaveLength(1);
  });

  it('reconciles nightly: recreates a listing deleted on Etsy and restores one edited by hand', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([['reconcile', '17 3 * * *']]);

    const deleted = await syncedProduct();
    const edited = await syncedProduct();
    etsy.listings.delete(deleted.listing.listing_id);
    etsy.listings.get(edited.listing.listing_id)!.title = 'Changed by hand on Etsy';

    const job = await queue.add('reconcile', {});
    await eventually(
      async () => (await queue.getJobState(job.id!)) === 'completed',
      30_000,
      'reconciliation ran',
    );
    expect((await queue.getJob(job.id!))?.returnvalue).toMatchObject({ missing: 1, differing: 1 });

    const recreated = await listingWhen(
      t,
      deleted.product.id,
      'etsy',
      (r) => r.status === 'synced' && !!r.external_id && r.external_id !== deleted.row.external_id,
    );
    expect(etsy.listings.get(Number(recreated.external_id))!.skus).toEqual([deleted.product.variants[0].sku]);
    await eventually(
      async () => etsy.listings.get(edited.listing.listing_id)!.title === 'Blue serving bowl',
      30_000,
    );
  });
});
