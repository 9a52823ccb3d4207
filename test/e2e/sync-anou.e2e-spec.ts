import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeAnou } from '../fakes/anou';
import { givenProduct, givenSeller, type Seller } from '../support/catalogue-fixtures';
import {
  anouCredentials,
  connectChannel,
  editProduct,
  listingRow,
  listingWhen,
  outboxDrained,
  syncEnv,
} from '../support/sync-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// Runs on BullMQ's PostgreSQL backend without REDIS_URL, and on Redis with it.
const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

let t: TestApp;
let anou: FakeAnou;
let seller: Seller;
beforeAll(async () => {
  anou = await FakeAnou.start({ perSecond: 50 });
  t = await startTestApp({ withWorker: true, env: syncEnv({ anou: anou.url }) });
  seller = await givenSeller(t, { name: 'Tafoukt' });
  const connected = await connectChannel(t, seller, { channel: 'anou', credentials: anouCredentials() });
  expect(connected.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await anou?.close();
});

/** A product of the seller's, synced to Anou; returns it with its listing row. */
async function syncedProduct(overrides: Record<string, unknown> = {}) {
  const product = await givenProduct(t, seller, overrides);
  const row = await listingWhen(t, product.id, 'anou', (r) => r.status === 'synced', 20_000, 'first sync');
  return { product, row };
}

describe(`listing sync to Anou on ${backend}`, () => {
  it('creates the listing on Anou with the product as it is, and records the state', async () => {
    const { product, row } = await syncedProduct();
    const remote = anou.listing(product.id)!;
    expect(remote.body).toMatchObject({
      reference: product.id,
      status: 'active',
      title: { en: 'Blue serving bowl', fr: 'Bol de service bleu' },
      hsCode: '691200',
      variants: [{ sku: product.variants[0].sku, price: { amount: 45000, currency: 'MAD' }, quantity: 10 }],
    });
    expect(row).toMatchObject({
      external_id: remote.listingId,
      synced_hash: remote.contentHash,
      attempts: 1,
    });
    expect(row.synced_at).not.toBeNull();
    expect(anou.pushesOf(product.id)).toHaveLength(1);
  });

  it('takes an edit to the channel exactly once', async () => {
    const { product, row: before } = await syncedProduct();
    await editProduct(t, seller, product.id, {
      title: { en: 'Large Safi platter', fr: 'Grand plat de Safi' },
    });

    const after = await listingWhen(
      t,
      product.id,
      'anou',
      (r) => r.status === 'synced' && r.synced_hash !== before.synced_hash,
    );
    await outboxDrained(t);
    expect(anou.listing(product.id)!.body.title.en).toBe('Large Safi platter');
    const pushes = anou.pushesOf(product.id);
    expect(pushes.map((p) => p.contentHash)).toEqual([before.synced_hash, after.synced_hash]);
  });

  it('collapses a burst of 50 edits into the latest content, pushing no content twice', async () => {
    const { product } = await syncedProduct();
    for (let i = 1; i <= 50; i++) {
      await editProduct(t, seller, product.id, { title: { en: `Bowl, take ${i}`, fr: `Bol, prise ${i}` } });
    }
    await listingWhen(
      t,
      product.id,
      'anou',
      (r) => r.status === 'synced' && anou.listing(product.id)?.body.title.en === 'Bowl, take 50',
      30_000,
      'latest content on Anou',
    );
    await outboxDrained(t);
    // Let any straggler job land before counting.
    await new Promise((r) => setTimeout(r, 500));
    const pushes = anou.pushesOf(product.id);
    expect(pushes.length).toBeLessThan(50);
    expect(new Set(pushes.map((p) => p.contentHash)).size).toBe(pushes.length);
    const row = await listingRow(t, product.id, 'anou');
    expect(row!.synced_hash).toBe(anou.listing(product.id)!.contentHash);
    expect(anou.listing(product.id)!.body.title.en).toBe('Bowl, take 50');
  });

  it('sends a stock change alone as an inventory update', async () => {
    const { product, row: before } = await syncedProduct();
    const res = await t
      .http()
      .post(`/v1/products/${product.id}/stock`)
      .set('authorization', seller.auth)
      .send({ variantId: product.variants[0].id, set: 3 });
    expect(res.status).toBe(200);
    await listingWhen(
      t,
      product.id,
      'anou',
      (r) => r.status === 'synced' && r.synced_hash !== before.synced_hash,
    );
    expect(anou.pushesOf(product.id).map((p) => p.kind)).toEqual(['listing', 'inventory']);
    expect(anou.listing(product.id)!.body.variants[0].quantity).toBe(3);
  });

  it('withdraws an archived product from Anou', async () => {
    const { product } = await syncedProduct();
    expect(
      (await t.http().delete(`/v1/products/${product.id}`).set('authorization', seller.auth)).status,
    ).toBe(200);
    await eventually(
      async () => anou.listing(product.id)?.status === 'inactive',
      20_000,
      'withdrawn on Anou',
    );
    const row = await listingWhen(t, product.id, 'anou', (r) => r.status === 'synced');
    expect(row.synced_hash).toBe(anou.listing(product.id)!.contentHash);
  });

  it('waits out a 429 with Retry-After without spending an attempt, and retries 5xx and lost answers', async () => {
    anou.server.inject(429, 1, 'PUT');
    anou.server.inject(503, 2, 'PUT');
    anou.server.inject('lost-answer', 1, 'PUT');
    const { product, row } = await syncedProduct();
    const calls = anou.server.requests('PUT').filter((r) => r.path.endsWith(product.id));
    expect(calls.map((c) => c.status)).toEqual([429, 503, 503, -201, 200]);
    // Retry-After: 1 was honoured before the next call.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
    // The 429 is not an attempt; two 503s and the lost answer are.
    expect(row.attempts).toBe(4);
    expect(anou.listing(product.id)!.contentHash).toBe(row.synced_hash);
  });

  it('keeps a refused listing as failed with a dead letter, and does not retry it', async () => {
    const product = await givenProduct(t, seller, { images: [] });
    const row = await listingWhen(t, product.id, 'anou', (r) => r.status === 'failed');
    expect(row.last_error).toMatch(/422.*images: Anou lists no product without a photo/);
    expect(anou.server.requests('PUT').filter((r) => r.path.endsWith(product.id))).toHaveLength(1);
    const { rows } = await t.db.query(`SELECT * FROM listing_sync_failure WHERE product_id = $1`, [
      product.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'anou', attempts: 1, content_hash: row.pending_hash });
  });
});
