import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp } from '../support/actors';
import { anotherProduct, givenShop, insertOrder } from '../support/reviews-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let shop: Awaited<ReturnType<typeof givenShop>>;
let secondProduct: string;
/** Reviews as arranged: [title, rating, locale, product], oldest first. */
const arranged: [string, number, string, 'first' | 'second'][] = [
  ['r1', 5, 'en', 'first'],
  ['r2', 3, 'fr', 'first'],
  ['r3', 4, 'en', 'second'],
  ['r4', 5, 'ar', 'first'],
  ['r5', 1, 'en', 'first'],
  ['r6', 4, 'fr', 'first'],
  ['r7', 5, 'en', 'second'],
  ['r8', 2, 'en', 'first'],
];

beforeAll(async () => {
  t = await startTestApp();
  shop = await givenShop(t.db);
  secondProduct = await anotherProduct(t.db, shop.cooperativeId, 'zellige');
  const buyer = await signUp(t, { name: 'Regular buyer' });
  const order = await insertOrder(t.db, {
    buyerId: buyer.id,
    lines: arranged.map(([, , , which]) => ({
      productId: which === 'first' ? shop.productId : secondProduct,
    })),
  });
  // Rows written directly with distinct times (the API would stamp them all "now"); the rating trigger runs alike.
  for (const [i, [title, rating, locale]] of arranged.entries()) {
    await t.db.query(
      `INSERT INTO review (product_id, cooperative_id, order_line_id, author_id, author_name, rating, title, body,
                           locale, created_at)
       VALUES ($1, $2, $3, $4, 'Regular B.', $5, $6, 'Text', $7, timestamptz '2026-03-01T10:00:00Z' + $8 * interval '1 hour')`,
      [order.lines[i].productId, shop.cooperativeId, order.lines[i].id, buyer.id, rating, title, locale, i],
    );
  }
  // A hidden one, newest of all and five stars: it must show nowhere.
  const hiddenLine = await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });
  await t.db.query(
    `INSERT INTO review (product_id, cooperative_id, order_line_id, author_id, author_name, rating, title, body, locale,
                         hidden_at, hidden_reason)
     VALUES ($1, $2, $3, $4, 'Regular B.', 5, 'hidden', 'Text', 'en', now(), 'Spam')`,
    [shop.productId, shop.cooperativeId, hiddenLine.lines[0].id, buyer.id],
  );
});
afterAll(async () => {
  await t?.close();
});

/** Every page of a list, following nextCursor; returns the titles in order. */
async function walk(path: string, query: Record<string, unknown>): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await t
      .http()
      .get(path)
      .query({ ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
    titles.push(...res.body.items.map((r: { title: string }) => r.title));
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return titles;
}

describe("a product's reviews", () => {
  const product = () => `/v1/products/${shop.productId}/reviews`;

  it('pages through visible reviews, newest first', async () => {
    expect(await walk(product(), { limit: 2 })).toEqual(['r8', 'r6', 'r5', 'r4', 'r2', 'r1']);
  });

  it('sorts by rating, highest or lowest first, newest first within a rating, across pages', async () => {
    expect(await walk(product(), { sort: 'highest', limit: 2 })).toEqual([
      'r4',
      'r1',
      'r6',
      'r2',
      'r8',
      'r5',
    ]);
    expect(await walk(product(), { sort: 'lowest', limit: 4 })).toEqual(['r5', 'r8', 'r2', 'r6', 'r4', 'r1']);
  });

  it('filters by rating and by locale', async () => {
    expect(await walk(product(), { rating: 5 })).toEqual(['r4', 'r1']);
    expect(await walk(product(), { locale: 'fr', limit: 1 })).toEqual(['r6', 'r2']);
    expect(await walk(product(), { locale: 'en', rating: 1 })).toEqual(['r5']);
  });

  it('answers a product by slug too, with the review as readers see it', async () => {
    const { rows } = await t.db.query(`SELECT slug FROM product WHERE id = $1`, [shop.productId]);
    const res = await t.http().get(`/v1/products/${rows[0].slug}/reviews`).query({ limit: 1 }).expect(200);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      productId: shop.productId,
      cooperativeId: shop.cooperativeId,
      rating: 2,
      title: 'r8',
      text: 'Text',
      locale: 'en',
      images: [],
      authorName: 'Regular B.',
      verifiedPurchase: true,
      reply: null,
      createdAt: '2026-03-01T17:00:00.000Z',
    });
    expect(res.body).not.toHaveProperty('items.0.moderation');
  });

  it('refuses a cursor given out for another sort, bad filters, and an unknown product', async () => {
    const page = await t.http().get(product()).query({ limit: 1 }).expect(200);
    const other = await t.http().get(product()).query({ sort: 'highest', cursor: page.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    for (const query of [
      { rating: 6 },
      { rating: 'five' },
      { sort: 'oldest' },
      { locale: 'de' },
      { limit: 0 },
    ]) {
      const res = await t.http().get(product()).query(query);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(query));
    }
    expect((await t.http().get(product()).query({ cursor: 'not-a-cursor' })).status).toBe(400);
    expect((await t.http().get('/v1/products/no-such-product/reviews')).status).toBe(404);
  });
});

describe("a storefront's reviews", () => {
  it("lists every product's visible reviews, newest first, and by rating", async () => {
    const path = `/v1/storefronts/${shop.slug}/reviews`;
    expect(await walk(path, { limit: 3 })).toEqual(['r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    expect(await walk(path, { sort: 'highest', limit: 3 })).toEqual([
      'r7',
      'r4',
      'r1',
      'r6',
      'r3',
      'r2',
      'r8',
      'r5',
    ]);
    expect(await walk(path, { rating: 4 })).toEqual(['r6', 'r3']);
    expect((await t.http().get('/v1/storefronts/no-such-shop/reviews')).status).toBe(404);
  });

  it('carries the same rating as the rows: hidden reviews do not count', async () => {
    const res = await t.http().get(`/v1/storefronts/${shop.slug}`).expect(200);
    // 5, 3, 4, 5, 1, 4, 5, 2 → 29 / 8
    expect(res.body.rating).toEqual({
      average: 3.63,
      count: 8,
      distribution: { '1': 1, '2': 1, '3': 1, '4': 2, '5': 3 },
    });
    const product = await t.http().get(`/v1/products/${secondProduct}`).expect(200);
    expect(product.body.rating).toEqual({
      average: 4.5,
      count: 2,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
    });
  });
});

describe('the contract', () => {
  it('documents the review and insight endpoints and the rating distribution in OpenAPI', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    for (const path of [
      '/v1/products/{id}/reviews',
      '/v1/storefronts/{slug}/reviews',
      '/v1/reviews/{id}/reply',
      '/v1/reviews/{id}/hide',
      '/v1/reviews/{id}/reports',
      '/v1/cooperatives/{id}/insights',
      '/v1/insights/exports',
      '/v1/insights/buyers',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    expect(Object.keys(res.body.components.schemas.RatingView.properties)).toEqual([
      'average',
      'count',
      'distribution',
    ]);
    expect(Object.keys(res.body.components.schemas.RatingDistributionView.properties)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });
});
