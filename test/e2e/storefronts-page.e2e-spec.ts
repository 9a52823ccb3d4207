import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp } from '../support/actors';
import { fieldsOf, insertCooperative, insertProduct, openCooperative } from '../support/storefront-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const ids: Record<string, string> = {};
const products: Record<string, string> = {};

/** A verified Fès storefront with three active products, a draft and an archived one; a Safi one next door. */
beforeAll(async () => {
  t = await startTestApp();
  ids['poterie-bleue-fes'] = await insertCooperative(t.db, {
    slug: 'poterie-bleue-fes',
    name: 'Poterie Bleue de Fès',
    region: 'fes-meknes',
    city: 'Fès',
    crafts: ['pottery'],
    verified: true,
    rating: { average: 4.5, count: 12 },
    description: { fr: 'Céramique tournée à la main', en: 'Hand-thrown ceramics', ar: 'خزف' },
    createdAt: '2025-01-10T09:00:00Z',
  });
  ids['terres-de-safi'] = await insertCooperative(t.db, { slug: 'terres-de-safi', name: 'Terres de Safi' });

  const fes = ids['poterie-bleue-fes'];
  products.oldest = await insertProduct(t.db, fes, {
    prices: [45000, 30000],
    createdAt: '2025-02-01T10:00:00Z',
  });
  products.middle = await insertProduct(t.db, fes, { createdAt: '2025-02-02T10:00:00Z' });
  products.newest = await insertProduct(t.db, fes, {
    craft: 'zellige',
    title: { fr: 'Carreau de zellige', en: 'Zellige tile', ar: 'زليج' },
    createdAt: '2025-02-03T10:00:00Z',
  });
  products.draft = await insertProduct(t.db, fes, { status: 'draft' });
  products.archived = await insertProduct(t.db, fes, { status: 'archived' });
  products.elsewhere = await insertProduct(t.db, ids['terres-de-safi']);
});
afterAll(async () => {
  await t?.close();
});

describe('regions', () => {
  it("lists Morocco's 12 regions with their names in fr, en and ar", async () => {
    const res = await t.http().get('/v1/regions').expect(200);
    expect(res.body.items.map((r: any) => r.code)).toEqual([
      'tanger-tetouan-al-hoceima',
      'oriental',
      'fes-meknes',
      'rabat-sale-kenitra',
      'beni-mellal-khenifra',
      'casablanca-settat',
      'marrakech-safi',
      'draa-tafilalet',
      'souss-massa',
      'guelmim-oued-noun',
      'laayoune-sakia-el-hamra',
      'dakhla-oued-ed-dahab',
    ]);
    expect(res.body.items).toContainEqual({
      code: 'fes-meknes',
      name: { fr: 'Fès-Meknès', en: 'Fez-Meknes', ar: 'فاس مكناس' },
    });
    for (const region of res.body.items) {
      expect(Object.keys(region.name).sort()).toEqual(['ar', 'en', 'fr']);
      for (const name of Object.values(region.name)) expect(name).toMatch(/\S/);
    }
  });
});

describe('a storefront page', () => {
  it('shows the public profile with rating and active product count', async () => {
    const res = await t.http().get('/v1/storefronts/poterie-bleue-fes').expect(200);
    expect(res.body).toEqual({
      id: ids['poterie-bleue-fes'],
      slug: 'poterie-bleue-fes',
      name: 'Poterie Bleue de Fès',
      legalForm: 'cooperative',
      region: { code: 'fes-meknes', name: { fr: 'Fès-Meknès', en: 'Fez-Meknes', ar: 'فاس مكناس' } },
      city: 'Fès',
      crafts: ['pottery'],
      description: { fr: 'Céramique tournée à la main', en: 'Hand-thrown ceramics', ar: 'خزف' },
      logoUrl: null,
      verified: true,
      verifiedAt: expect.any(String),
      rating: { average: 4.5, count: 12, distribution: expect.any(Object) },
      counts: { products: 3 },
      createdAt: '2025-01-10T09:00:00.000Z',
    });
  });

  it('shows a storefront opened through the API, owner details kept private', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, { name: 'Maroquinerie de Fès', crafts: ['leather'] });
    const res = await t.http().get(`/v1/storefronts/${coop.slug}`).expect(200);
    expect(res.body).toMatchObject({
      id: coop.id,
      verified: false,
      verifiedAt: null,
      rating: { average: null, count: 0 },
    });
    expect(res.body).not.toHaveProperty('verifiedBy');
    expect(res.body).not.toHaveProperty('counts.members');
    const newest = await t.http().get('/v1/storefronts').query({ limit: 1 }).expect(200);
    expect(newest.body.items.map((s: any) => s.slug)).toEqual([coop.slug]);
    await t.db.query(`DELETE FROM cooperative_member WHERE cooperative_id = $1`, [coop.id]);
    await t.db.query(`DELETE FROM cooperative WHERE id = $1`, [coop.id]);
  });

  it('answers an unknown slug with a 404 problem', async () => {
    const res = await t.http().get('/v1/storefronts/no-such-storefront').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, type: 'https://souk.dev/problems/not-found' });
  });
});

describe("a storefront's products", () => {
  it("lists that storefront's active products only, newest first, at their lowest price", async () => {
    const res = await t.http().get('/v1/storefronts/poterie-bleue-fes/products').expect(200);
    expect(res.body.items.map((p: any) => p.id)).toEqual([products.newest, products.middle, products.oldest]);
    for (const p of res.body.items)
      expect(p).toMatchObject({ cooperativeId: ids['poterie-bleue-fes'], status: 'active' });
    const oldest = res.body.items[2];
    expect(oldest.price).toEqual({ amount: 30000, currency: 'MAD' });
    expect(oldest.variants.map((v: any) => v.price.amount)).toEqual([45000, 30000]);
    expect(res.body.nextCursor).toBeNull();
  });

  it("passes the catalogue's filters and pagination through", async () => {
    const zellige = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ craft: 'zellige' })
      .expect(200);
    expect(zellige.body.items.map((p: any) => p.id)).toEqual([products.newest]);
    const searched = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ q: 'tile' })
      .expect(200);
    expect(searched.body.items.map((p: any) => p.id)).toEqual([products.newest]);

    const first = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ limit: 2 })
      .expect(200);
    expect(first.body.items.map((p: any) => p.id)).toEqual([products.newest, products.middle]);
    const second = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body.items.map((p: any) => p.id)).toEqual([products.oldest]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers an unknown storefront with 404 and bad parameters with 400', async () => {
    await t.http().get('/v1/storefronts/no-such-storefront/products').expect(404);
    const res = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ limit: 500 })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['limit']);
    const craft = await t
      .http()
      .get('/v1/storefronts/poterie-bleue-fes/products')
      .query({ craft: 'plastic' })
      .expect(400);
    expect(fieldsOf(craft.body)).toEqual(['craft']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the storefront routes and bodies', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    for (const path of [
      '/v1/cooperatives',
      '/v1/cooperatives/{id}',
      '/v1/cooperatives/{id}/verification',
      '/v1/cooperatives/{id}/invitations',
      '/v1/cooperatives/{id}/members',
      '/v1/cooperatives/{id}/members/{userId}',
      '/v1/invitations/{token}/accept',
      '/v1/storefronts',
      '/v1/storefronts/{slug}',
      '/v1/storefronts/{slug}/products',
      '/v1/regions',
    ]) {
      expect(res.body.paths).toHaveProperty([path]);
    }
    expect(res.body.components.schemas.CreateCooperativeDto.required).toEqual(
      expect.arrayContaining(['name', 'legalForm', 'region', 'city', 'crafts', 'description']),
    );
  });
});
