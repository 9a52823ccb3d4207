import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import { givenProduct, givenSeller, type Seller, variantBody } from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let fes: Seller;
let safi: Seller;
let admin: Actor;
const p: Record<string, any> = {};
let home: string;
let tableware: string;

const list = (query: Record<string, unknown> = {}) => t.http().get('/v1/products').query(query);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}: ${e.message}`);
const price = (amount: number, more: Record<string, unknown> = {}) =>
  variantBody({ price: { amount }, ...more });

/** Every page of a list, following nextCursor. */
async function walk(query: Record<string, unknown>): Promise<{ ids: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await list({ ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
    seen.push(...ids(res));
    cursor = res.body.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { ids: seen, pages };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
  fes = await givenSeller(t, { name: 'Fes owner' });
  safi = await givenSeller(t, { name: 'Safi owner' });
  const category = (body: Record<string, unknown>) =>
    t.http().post('/v1/categories').set('authorization', admin.auth).send(body);
  home = (await category({ slug: 'home', name: { fr: 'Maison', en: 'Home' } })).body.id;
  tableware = (await category({ slug: 'tableware', name: { fr: 'Table', en: 'Tableware' }, parentId: home }))
    .body.id;

  p.titleFes = await givenProduct(t, fes, {
    title: { fr: 'Tajine bleu de Fès', en: 'Fès blue tagine' },
    description: { fr: 'Terre cuite émaillée.', en: 'Glazed earthenware.' },
    originCity: 'Safi',
    categoryId: tableware,
    variants: [price(20000)],
  });
  p.descriptionFes = await givenProduct(t, fes, {
    title: { fr: 'Bol vert', en: 'Green bowl' },
    description: { fr: 'Tourné par un potier.', en: 'Thrown by a potter in the medina of Fès.' },
    originCity: 'Safi',
    variants: [price(50000), price(18000)],
  });
  p.rug = await givenProduct(t, safi, {
    title: { fr: 'Tapis Beni Ouarain', en: 'Beni Ourain rug' },
    craft: 'carpet',
    hsCode: '570110',
    categoryId: home,
    variants: [price(150000)],
  });
  p.tiles = await givenProduct(t, safi, {
    title: { fr: 'Carreaux de zellige', en: 'Zellige tiles' },
    craft: 'zellige',
    hsCode: '690723',
    variants: [price(9000)],
  });
  p.teapot = await givenProduct(t, fes, {
    title: { fr: 'Théière en cuivre', en: 'Copper teapot', ar: 'براد نحاسي' },
    craft: 'metalwork',
    hsCode: '741819',
    originCity: 'Marrakech',
    variants: [price(35000)],
  });
  p.draft = await givenProduct(t, fes, {
    title: { fr: 'Lanterne de Fès', en: 'Fès lantern tagine' },
    craft: 'metalwork',
    hsCode: '940550',
    status: 'draft',
  });
  p.archived = await givenProduct(t, fes, { title: { fr: 'Vieux tajine de Fès', en: 'Old Fès tagine' } });
  await t.http().delete(`/v1/products/${p.archived.id}`).set('authorization', fes.auth).expect(200);
  // Twenty products with titles of one shape (tied ranks), half of them created at one instant (tied dates).
  for (let i = 1; i <= 20; i++) {
    await givenProduct(t, i % 2 ? fes : safi, {
      title: { fr: `Tajine numéro ${i}`, en: `Tagine number ${i}` },
      variants: [price(10000 + i)],
    });
  }
  await t.db.query(
    `UPDATE product SET created_at = '2025-06-01T10:00:00Z' WHERE slug LIKE 'tagine-number-1%'`,
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('listing products', () => {
  it('walks every active product exactly once, newest first, ties broken by id', async () => {
    const expected = (
      await t.db.query(`SELECT id FROM product WHERE status = 'active' ORDER BY created_at DESC, id DESC`)
    ).rows.map((r) => r.id);
    expect(expected).toHaveLength(25);
    const first = await walk({ limit: 4 });
    expect(first.ids).toEqual(expected);
    expect(first.pages).toBe(7);
    expect(new Set(first.ids).size).toBe(first.ids.length);
    expect(first.ids).not.toContain(p.draft.id);
    expect(first.ids).not.toContain(p.archived.id);
    // Stable: the same walk again gives the same sequence.
    expect((await walk({ limit: 4 })).ids).toEqual(expected);
  });

  it('answers 20 by default, up to 100, and refuses other limits (400 naming limit)', async () => {
    const page = await list().expect(200);
    expect(page.body.items).toHaveLength(20);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await list({ limit: 100 }).expect(200)).body).toMatchObject({ nextCursor: null });
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const res = await list({ limit });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['limit: must be an integer from 1 to 100']);
    }
  });

  it('refuses a cursor it did not give out (400 naming cursor)', async () => {
    const searchCursor = (await list({ q: 'tagine', limit: 1 })).body.nextCursor;
    const forged = Buffer.from(JSON.stringify(['t', '2025-02-30T00:00:00.000000Z', p.rug.id])).toString(
      'base64url',
    );
    const wrongShape = Buffer.from(JSON.stringify(['t', 42, 'x'])).toString('base64url');
    for (const cursor of [
      'garbage',
      searchCursor,
      forged,
      wrongShape,
      Buffer.from('[1,2,3]').toString('base64url'),
    ]) {
      const res = await list({ cursor });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('cursor');
    }
  });

  it('filters by craft', async () => {
    const res = await list({ craft: 'metalwork' }).expect(200);
    expect(ids(res)).toEqual([p.teapot.id]);
    expect(ids(await list({ craft: 'zellige' }))).toEqual([p.tiles.id]);
    const bad = await list({ craft: 'plastic' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('craft');
  });

  it('filters by cooperative, by id or by slug', async () => {
    const expected = (
      await t.db.query(
        `SELECT id FROM product WHERE cooperative_id = $1 AND status = 'active' ORDER BY created_at DESC, id DESC`,
        [safi.coop.id],
      )
    ).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(5);
    expect((await walk({ cooperative: safi.coop.id, limit: 3 })).ids).toEqual(expected);
    expect((await walk({ cooperative: safi.coop.slug, limit: 50 })).ids).toEqual(expected);
    expect(ids(await list({ cooperative: 'no-such-cooperative' }))).toEqual([]);
  });

  it('filters by the lowest variant price, bounds included', async () => {
    const res = await list({ minPrice: 18000, maxPrice: 35000, currency: 'MAD' }).expect(200);
    expect(new Set(ids(res))).toEqual(new Set([p.titleFes.id, p.descriptionFes.id, p.teapot.id]));
    expect(res.body.items.find((i: any) => i.id === p.descriptionFes.id).price).toEqual({
      amount: 18000,
      currency: 'MAD',
    });
    expect(ids(await list({ minPrice: 150000 }))).toEqual([p.rug.id]);
    expect(ids(await list({ maxPrice: 9000 }))).toEqual([p.tiles.id]);
  });

  it('refuses other currencies, negative prices and inverted bounds (400 naming the field)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ currency: 'EUR' }, 'currency: must be MAD: prices are listed in MAD only for now'],
      [{ minPrice: -1 }, 'minPrice: must be an integer of 0 or more (minor units)'],
      [{ maxPrice: '12.50' }, 'maxPrice: must be an integer of 0 or more (minor units)'],
      [{ minPrice: 500, maxPrice: 100 }, 'maxPrice: must not be below minPrice'],
      [{ shipsTo: 'US' }, 'shipsTo: property shipsTo should not exist'],
    ];
    for (const [query, expected] of cases) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res.body)).toContain(expected);
    }
  });

  it('filters by category, subcategories included, by id or slug', async () => {
    expect(new Set(ids(await list({ category: home })))).toEqual(new Set([p.rug.id, p.titleFes.id]));
    expect(ids(await list({ category: 'tableware' }))).toEqual([p.titleFes.id]);
    expect(ids(await list({ category: tableware }))).toEqual([p.titleFes.id]);
    const unknown = await list({ category: 'no-such-category' });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['category: is not a category']);
  });
});

describe('searching products', () => {
  it('finds Fès for fes, fès and FES, a title match above a description match, never a draft', async () => {
    for (const q of ['fes', 'fès', 'FES']) {
      const res = await list({ q }).expect(200);
      expect(ids(res)).toEqual([p.titleFes.id, p.descriptionFes.id]);
    }
  });

  it('stems and strips accents in French and English, and searches Arabic titles', async () => {
    expect(ids(await list({ q: 'theiere' }))).toEqual([p.teapot.id]);
    expect(ids(await list({ q: 'copper teapots' }))).toEqual([p.teapot.id]);
    expect(ids(await list({ q: 'براد' }))).toEqual([p.teapot.id]);
    expect(ids(await list({ q: 'tapis' }))).toEqual([p.rug.id]);
    expect(ids(await list({ q: 'marrakech' }))).toEqual([p.teapot.id]);
    expect(ids(await list({ q: 'xylophone' }))).toEqual([]);
    expect(ids(await list({ q: '!!!' }))).toEqual([]);
  });

  it('combines search with filters', async () => {
    expect(ids(await list({ q: 'tagine', cooperative: safi.coop.id, maxPrice: 10004 }))).toHaveLength(2);
    expect(ids(await list({ q: 'fes', minPrice: 19000 }))).toEqual([p.titleFes.id]);
  });

  it('walks ranked results page by page: all of them, once, in rank order', async () => {
    const expected = (
      await t.db.query(
        `SELECT id FROM product, (SELECT websearch_to_tsquery('souk_en', 'tagine') || websearch_to_tsquery('souk_fr', 'tagine')
                                         || websearch_to_tsquery('souk_simple', 'tagine') AS q) q
          WHERE status = 'active' AND search @@ q.q ORDER BY ts_rank_cd(search, q.q) DESC, id DESC`,
      )
    ).rows.map((r) => r.id);
    expect(expected).toHaveLength(21);
    const walked = await walk({ q: 'tagine', limit: 4 });
    expect(walked.ids).toEqual(expected);
    expect(walked.pages).toBe(6);
  });
});
