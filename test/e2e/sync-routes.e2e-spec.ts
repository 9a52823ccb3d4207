import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeAnou } from '../fakes/anou';
import { signUp, type Actor } from '../support/actors';
import { givenApiKey, givenProduct, givenSeller, type Seller } from '../support/catalogue-fixtures';
import { ANOU_TOKEN, anouCredentials, connectChannel, listingWhen, syncEnv } from '../support/sync-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

let t: TestApp;
let anou: FakeAnou;
let seller: Seller;
let stranger: Seller;
let admin: Actor;
beforeAll(async () => {
  anou = await FakeAnou.start();
  t = await startTestApp({ withWorker: true, env: syncEnv({ anou: anou.url }) });
  [seller, stranger, admin] = await Promise.all([
    givenSeller(t, { name: 'Amina' }),
    givenSeller(t, { name: 'Stranger' }),
    signUp(t, { name: 'Admin', admin: true }),
  ]);
});
afterAll(async () => {
  await t?.close();
  await anou?.close();
});

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('connecting a channel', () => {
  it('refuses bad input with problem+json naming the field, and strangers with 403', async () => {
    const own = await givenProduct(t, seller);
    const theirs = await givenProduct(t, stranger);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ channel: 'ebay', credentials: anouCredentials() }, ['channel']],
      [{ channel: 'anou', credentials: { shopId: 'tafoukt' } }, ['credentials.token']],
      [
        { channel: 'anou', credentials: { ...anouCredentials(), shopId: 'Not A Shop' } },
        ['credentials.shopId'],
      ],
      [
        { channel: 'etsy', credentials: { keystring: 'k' } },
        [
          'credentials.sharedSecret',
          'credentials.refreshToken',
          'credentials.shopId',
          'credentials.taxonomyId',
        ],
      ],
      [{ channel: 'anou', credentials: anouCredentials(), products: [own.id, theirs.id] }, ['products[1]']],
      [{ channel: 'anou', credentials: anouCredentials(), products: ['nope'] }, ['products']],
      [{ channel: 'anou', credentials: 'token' }, ['credentials']],
    ];
    for (const [body, expected] of cases) {
      const res = await connectChannel(t, seller, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res.body)).toEqual(expected);
    }
    const res = await t
      .http()
      .post(`/v1/cooperatives/${seller.coop.id}/channels`)
      .set('authorization', stranger.auth)
      .send({ channel: 'anou', credentials: anouCredentials() });
    expect(res.status).toBe(403);
    const missing = await t
      .http()
      .post(`/v1/cooperatives/00000000-0000-4000-8000-000000000000/channels`)
      .set('authorization', seller.auth)
      .send({ channel: 'anou', credentials: anouCredentials() });
    expect(missing.status).toBe(404);
    expect((await t.db.query(`SELECT 1 FROM channel_connection`)).rowCount).toBe(0);
  });

  it('stores the credentials sealed, never shows them, and syncs only the chosen products', async () => {
    const coopSeller = await givenSeller(t, { name: 'Chosen' });
    const [a, b] = [await givenProduct(t, coopSeller), await givenProduct(t, coopSeller)];
    const res = await connectChannel(t, coopSeller, {
      channel: 'anou',
      credentials: anouCredentials('chosen'),
      products: [a.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      channel: 'anou',
      allProducts: false,
      status: 'active',
      listings: { total: 1 },
    });
    expect(JSON.stringify(res.body)).not.toContain(ANOU_TOKEN);
    const { rows } = await t.db.query(`SELECT credentials FROM channel_connection WHERE id = $1`, [
      res.body.id,
    ]);
    expect(rows[0].credentials.toString('latin1')).not.toContain(ANOU_TOKEN);
    expect(rows[0].credentials.toString('latin1')).not.toContain('chosen');

    await listingWhen(t, a.id, 'anou', (r) => r.status === 'synced');
    expect(anou.listing(b.id)).toBeUndefined();

    const list = await t
      .http()
      .get(`/v1/cooperatives/${coopSeller.coop.id}/channels`)
      .set('authorization', coopSeller.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ channel: 'anou', listings: { total: 1, synced: 1, pending: 0, failed: 0 } }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(ANOU_TOKEN);
    const refused = await t
      .http()
      .get(`/v1/cooperatives/${coopSeller.coop.id}/channels`)
      .set('authorization', stranger.auth);
    expect(refused.status).toBe(403);

    // Choosing b instead of a: b is listed, a withdrawn.
    const again = await connectChannel(t, coopSeller, {
      channel: 'anou',
      credentials: anouCredentials('chosen'),
      products: [b.id],
    });
    expect(again.status).toBe(201);
    await eventually(
      async () => anou.listing(b.id)?.status === 'active' && anou.listing(a.id)?.status === 'inactive',
      20_000,
      'b listed and a withdrawn',
    );
  });

  it('lists every active product, and products created later, when no products are given', async () => {
    const coopSeller = await givenSeller(t, { name: 'Everything' });
    const before = await givenProduct(t, coopSeller);
    const draft = await givenProduct(t, coopSeller, { status: 'draft' });
    expect(
      (await connectChannel(t, coopSeller, { channel: 'anou', credentials: anouCredentials('everything') }))
        .status,
    ).toBe(201);
    const later = await givenProduct(t, coopSeller);
    await listingWhen(t, before.id, 'anou', (r) => r.status === 'synced');
    await listingWhen(t, later.id, 'anou', (r) => r.status === 'synced');
    expect(anou.listing(draft.id)).toBeUndefined();
  });
});

describe('listing state, resync and dead letters', () => {
  let product: any;
  beforeAll(async () => {
    expect(
      (await connectChannel(t, seller, { channel: 'anou', credentials: anouCredentials() })).status,
    ).toBe(201);
    product = await givenProduct(t, seller);
    await listingWhen(t, product.id, 'anou', (r) => r.status === 'synced');
  });

  it("shows the product's listings to its cooperative and to admins, not to others", async () => {
    const res = await t.http().get(`/v1/products/${product.id}/listings`).set('authorization', seller.auth);
    expect(res.status).toBe(200);
    const remote = anou.listing(product.id)!;
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        productId: product.id,
        channel: 'anou',
        externalId: remote.listingId,
        status: 'synced',
        selected: true,
        syncedHash: remote.contentHash,
        syncedAt: expect.any(String),
        lastError: null,
        attempts: 1,
        updatedAt: expect.any(String),
      },
    ]);
    expect(
      (await t.http().get(`/v1/products/${product.id}/listings`).set('authorization', admin.auth)).status,
    ).toBe(200);
    expect(
      (await t.http().get(`/v1/products/${product.id}/listings`).set('authorization', stranger.auth)).status,
    ).toBe(403);
    expect((await t.http().get(`/v1/products/${product.id}/listings`)).status).toBe(401);
    expect(
      (await t.http().get(`/v1/products/not-a-uuid/listings`).set('authorization', seller.auth)).status,
    ).toBe(400);
  });

  it('pushes a product again on a manual resync, even unchanged', async () => {
    const before = anou.pushesOf(product.id).length;
    const refused = await t
      .http()
      .post(`/v1/products/${product.id}/listings/resync`)
      .set('authorization', stranger.auth)
      .send({});
    expect(refused.status).toBe(403);
    const badChannel = await t
      .http()
      .post(`/v1/products/${product.id}/listings/resync`)
      .set('authorization', seller.auth)
      .send({ channel: 'ebay' });
    expect(badChannel.status).toBe(400);
    expect(fields(badChannel.body)).toEqual(['channel']);
    const res = await t
      .http()
      .post(`/v1/products/${product.id}/listings/resync`)
      .set('authorization', seller.auth)
      .send({});
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ listings: 1 });
    await eventually(async () => anou.pushesOf(product.id).length === before + 1, 20_000, 'pushed again');
    await listingWhen(t, product.id, 'anou', (r) => r.status === 'synced' && r.resync_requested_at === null);
  });

  it('pushes a whole cooperative again on a channel resync', async () => {
    const second = await givenProduct(t, seller);
    await listingWhen(t, second.id, 'anou', (r) => r.status === 'synced');
    const before = [product.id, second.id].map((id) => anou.pushesOf(id).length);
    const res = await t
      .http()
      .post(`/v1/cooperatives/${seller.coop.id}/channels/anou/resync`)
      .set('authorization', seller.auth);
    expect(res.status).toBe(202);
    expect(res.body.listings).toBeGreaterThanOrEqual(2);
    await eventually(
      async () => [product.id, second.id].every((id, i) => anou.pushesOf(id).length === before[i] + 1),
      20_000,
      'both pushed again',
    );
    const none = await t
      .http()
      .post(`/v1/cooperatives/${seller.coop.id}/channels/etsy/resync`)
      .set('authorization', seller.auth);
    expect(none.status).toBe(404);
  });

  it('shows dead letters to the cooperative and to admins, not to other cooperatives', async () => {
    const refused = await givenProduct(t, seller, { images: [] });
    await listingWhen(t, refused.id, 'anou', (r) => r.status === 'failed');
    const own = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/listing-failures`)
      .set('authorization', seller.auth);
    expect(own.status).toBe(200);
    expect(own.body.items[0]).toMatchObject({
      productId: refused.id,
      cooperativeId: seller.coop.id,
      channel: 'anou',
      attempts: 1,
      error: expect.stringContaining('images'),
    });
    const theirs = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/listing-failures`)
      .set('authorization', stranger.auth);
    expect(theirs.status).toBe(403);
    const all = await t
      .http()
      .get('/v1/admin/listing-failures')
      .query({ cooperativeId: seller.coop.id, limit: 1 })
      .set('authorization', admin.auth);
    expect(all.status).toBe(200);
    expect(all.body.items.map((f: any) => f.productId)).toEqual([refused.id]);
    expect((await t.http().get('/v1/admin/listing-failures').set('authorization', seller.auth)).status).toBe(
      403,
    );
    const badCursor = await t
      .http()
      .get('/v1/admin/listing-failures')
      .query({ cursor: 'nope' })
      .set('authorization', admin.auth);
    expect(badCursor.status).toBe(400);
  });

  it('exports the Anou feed as JSON and as CSV, for members and bound API keys', async () => {
    const json = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/channels/anou/feed`)
      .set('authorization', seller.auth);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ contractVersion: 1, cooperativeId: seller.coop.id });
    const item = json.body.items.find((i: any) => i.reference === product.id);
    expect(item).toMatchObject({ status: 'active', contentHash: anou.listing(product.id)!.contentHash });

    const key = await givenApiKey(t, admin, { scopes: ['catalogue:read'], cooperativeId: seller.coop.id });
    const csv = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/channels/anou/feed`)
      .set('authorization', key)
      .set('accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'reference,slug,status,sku,options,price_amount,price_currency,quantity,title_fr,title_en,title_ar,description_fr,description_en,description_ar,craft,materials,origin_city,hs_code,images,content_hash',
    );
    const row = lines.find((l) => l.startsWith(product.id))!;
    expect(row).toContain(`,active,${product.variants[0].sku},size=24 cm;colour=blue,45000,MAD,10,`);
    // A comma in a cell quotes it.
    expect(row).toContain(',"Hand-thrown, cobalt glaze.",');
    const other = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/channels/anou/feed`)
      .set('authorization', stranger.auth);
    expect(other.status).toBe(403);
  });

  it('reports queue depth, job durations and outcomes in /metrics', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/queue_jobs\{queue="listing-sync-anou",state="waiting"\} \d+/);
    expect(res.text).toMatch(/queue_jobs\{queue="listing-sync-etsy",state="failed"\} \d+/);
    expect(res.text).toMatch(/listing_sync_jobs_total\{channel="anou",outcome="synced"\} [1-9]/);
    expect(res.text).toMatch(
      /listing_sync_job_duration_seconds_count\{channel="anou",outcome="synced"\} [1-9]/,
    );
    expect(res.text).toMatch(/outbox_events_relayed_total\{type="product.updated"\} [1-9]/);
  });

  it('mounts the queue board at /admin/queues for admins only', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    const seller403 = await t.http().get('/admin/queues').set('authorization', seller.auth);
    expect(seller403.status).toBe(403);
    expect(seller403.headers['content-type']).toMatch(/application\/problem\+json/);
    const page = await t.http().get('/admin/queues').set('authorization', admin.auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Souk queues');
    const api = await t.http().get('/admin/queues/api/queues').set('authorization', admin.auth);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
      expect.arrayContaining(['listing-sync-anou', 'listing-sync-etsy', 'maintenance']),
    );
  });
});
