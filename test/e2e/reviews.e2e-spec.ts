import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, givenApiKey, signUp } from '../support/actors';
import {
  anotherProduct,
  givenShop,
  insertOrder,
  postReview,
  reviewBody,
  storedRating,
} from '../support/reviews-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp({ env: { REVIEWS_PER_HOUR: '3', REVIEW_TEXT_MAX_LENGTH: '200' } });
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const reviewCount = async (productId: string) =>
  Number((await t.db.query(`SELECT count(*) FROM review WHERE product_id = $1`, [productId])).rows[0].count);

describe('who may review a product', () => {
  it('lets a buyer whose order was delivered review it, and rates the product and the storefront', async () => {
    const shop = await givenShop(t.db);
    const claire = await signUp(t, { name: 'Claire Martin' });
    const order = await insertOrder(t.db, { buyerId: claire.id, lines: [{ productId: shop.productId }] });

    const res = await postReview(t, shop.productId, claire.auth, reviewBody({ rating: 4, locale: 'fr' }));

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      productId: shop.productId,
      cooperativeId: shop.cooperativeId,
      rating: 4,
      title: 'Beautiful bowl',
      text: 'The cobalt is deeper than on the photos and it arrived without a scratch.',
      locale: 'fr',
      images: [],
      authorName: 'Claire M.',
      verifiedPurchase: true,
      reply: null,
      createdAt: expect.any(String),
    });
    const { rows } = await t.db.query(
      `SELECT order_line_id, author_id, hidden_at FROM review WHERE id = $1`,
      [res.body.id],
    );
    expect(rows).toEqual([{ order_line_id: order.lines[0].id, author_id: claire.id, hidden_at: null }]);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 };
    const product = await t.http().get(`/v1/products/${shop.productId}`).expect(200);
    expect(product.body.rating).toEqual({ average: 4, count: 1, distribution });
    const storefront = await t.http().get(`/v1/storefronts/${shop.slug}`).expect(200);
    expect(storefront.body.rating).toEqual({ average: 4, count: 1, distribution });
    const { rows: events } = await t.db.query(
      `SELECT type, payload FROM outbox_event WHERE aggregate_type = 'review' AND aggregate_id = $1`,
      [res.body.id],
    );
    expect(events).toEqual([
      {
        type: 'review.created',
        payload: {
          reviewId: res.body.id,
          productId: shop.productId,
          cooperativeId: shop.cooperativeId,
          rating: 4,
        },
      },
    ]);
  });

  it('refuses someone who never bought the product (403)', async () => {
    const shop = await givenShop(t.db);
    const stranger = await signUp(t, { name: 'Stranger' });
    const other = await anotherProduct(t.db, shop.cooperativeId);
    await insertOrder(t.db, { buyerId: stranger.id, lines: [{ productId: other }] });

    const res = await postReview(t, shop.productId, stranger.auth);

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toBe('Only buyers of this product can review it');
    expect(await reviewCount(shop.productId)).toBe(0);
  });

  it.each(['paid', 'accepted', 'shipped', 'cancelled'] as const)(
    'refuses a buyer whose sub-order is %s, not delivered (403)',
    async (subOrderStatus) => {
      const shop = await givenShop(t.db);
      const buyer = await signUp(t, { name: 'Impatient buyer' });
      await insertOrder(t.db, {
        buyerId: buyer.id,
        status: 'paid',
        subOrderStatus,
        lines: [{ productId: shop.productId }],
      });

      const res = await postReview(t, shop.productId, buyer.auth);

      expect(res.status).toBe(403);
      expect(res.body.detail).toBe('A purchase can be reviewed once it has been delivered');
      expect(await reviewCount(shop.productId)).toBe(0);
    },
  );

  it('refuses an order that was never paid (403)', async () => {
    const shop = await givenShop(t.db);
    const buyer = await signUp(t, { name: 'Unpaid' });
    await insertOrder(t.db, {
      buyerId: buyer.id,
      status: 'pending_payment',
      lines: [{ productId: shop.productId }],
    });
    const res = await postReview(t, shop.productId, buyer.auth);
    expect(res.status).toBe(403);
    expect(await reviewCount(shop.productId)).toBe(0);
  });

  it('takes one review per delivered line: a second purchase may be reviewed, a third review is a 409', async () => {
    const shop = await givenShop(t.db);
    const buyer = await signUp(t, { name: 'Loyal buyer' });
    const first = await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });
    const second = await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });

    const a = await postReview(t, shop.productId, buyer.auth, reviewBody({ rating: 5 }));
    const b = await postReview(t, shop.productId, buyer.auth, reviewBody({ rating: 3 }));
    const c = await postReview(t, shop.productId, buyer.auth, reviewBody({ rating: 1 }));

    expect([a.status, b.status, c.status]).toEqual([201, 201, 409]);
    expect(c.body.detail).toMatch(/already reviewed/);
    const { rows } = await t.db.query(
      `SELECT order_line_id FROM review WHERE product_id = $1 ORDER BY rating DESC`,
      [shop.productId],
    );
    expect(rows.map((r) => r.order_line_id)).toEqual([first.lines[0].id, second.lines[0].id]);
    expect(await storedRating(t.db, 'product', shop.productId)).toEqual({
      average: 4,
      count: 2,
      distribution: [0, 0, 1, 0, 1],
    });
  });

  it('reviews the line the buyer names, refuses one that is not theirs (403) or reviewed already (409)', async () => {
    const shop = await givenShop(t.db);
    const amina = await signUp(t, { name: 'Amina' });
    const john = await signUp(t, { name: 'John' });
    const aminas = await insertOrder(t.db, { buyerId: amina.id, lines: [{ productId: shop.productId }] });
    const johns = await insertOrder(t.db, { buyerId: john.id, lines: [{ productId: shop.productId }] });

    const notHers = await postReview(
      t,
      shop.productId,
      amina.auth,
      reviewBody({ orderLineId: johns.lines[0].id }),
    );
    expect(notHers.status).toBe(403);
    expect(notHers.body.detail).toContain('is not one of your purchases');

    const named = await postReview(
      t,
      shop.productId,
      amina.auth,
      reviewBody({ orderLineId: aminas.lines[0].id }),
    );
    expect(named.status).toBe(201);
    const again = await postReview(
      t,
      shop.productId,
      amina.auth,
      reviewBody({ orderLineId: aminas.lines[0].id }),
    );
    expect(again.status).toBe(409);
    expect(await reviewCount(shop.productId)).toBe(1);
  });

  it('gives exactly one of two simultaneous reviews of the same line (201 and 409)', async () => {
    const shop = await givenShop(t.db);
    const buyer = await signUp(t, { name: 'Double click' });
    await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });

    const answers = await Promise.all([
      postReview(t, shop.productId, buyer.auth),
      postReview(t, shop.productId, buyer.auth),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await reviewCount(shop.productId)).toBe(1);
    expect((await storedRating(t.db, 'product', shop.productId)).count).toBe(1);
  });

  it('asks for a signed-in person (401) and refuses API keys (403)', async () => {
    const shop = await givenShop(t.db);
    const anonymous = await t.http().post(`/v1/products/${shop.productId}/reviews`).send(reviewBody());
    expect(anonymous.status).toBe(401);
    const key = await givenApiKey(t, admin, { scopes: ['catalogue:read', 'insights:read'] });
    const withKey = await postReview(t, shop.productId, key);
    expect(withKey.status).toBe(403);
    expect(await reviewCount(shop.productId)).toBe(0);
  });

  it('answers 404 for a product that does not exist', async () => {
    const buyer = await signUp(t, { name: 'Lost' });
    const res = await postReview(t, '00000000-0000-4000-8000-000000000000', buyer.auth);
    expect(res.status).toBe(404);
  });
});

describe('what a review may say', () => {
  let shop: Awaited<ReturnType<typeof givenShop>>;
  let buyer: Actor;
  beforeAll(async () => {
    shop = await givenShop(t.db);
    buyer = await signUp(t, { name: 'Writer' });
    await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });
  });

  it.each([
    [{ rating: 0 }, 'rating'],
    [{ rating: 6 }, 'rating'],
    [{ rating: 4.5 }, 'rating'],
    [{ locale: 'de' }, 'locale'],
    [{ title: '' }, 'title'],
    [{ text: undefined }, 'text'],
    [{ images: ['http://cdn.example.com/a.jpg'] }, 'images'],
    [{ images: ['javascript:alert(1)'] }, 'images'],
    [{ images: Array.from({ length: 7 }, (_, i) => `https://cdn.example.com/${i}.jpg`) }, 'images'],
    [{ orderLineId: 'line-1' }, 'orderLineId'],
    [{ stars: 5 }, 'stars'],
  ])('refuses %j naming the field (400)', async (change, field) => {
    const res = await postReview(t, shop.productId, buyer.auth, reviewBody(change));
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain(field);
    expect(await reviewCount(shop.productId)).toBe(0);
  });

  it('refuses a text longer than REVIEW_TEXT_MAX_LENGTH once its HTML is removed (400)', async () => {
    const res = await postReview(t, shop.productId, buyer.auth, reviewBody({ text: 'x'.repeat(201) }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'text', message: 'must be at most 200 characters' }]);
  });

  it('refuses a text or a title that is only markup (400)', async () => {
    const text = await postReview(
      t,
      shop.productId,
      buyer.auth,
      reviewBody({ text: '<p><img src=x onerror=alert(1)></p>' }),
    );
    expect(text.status).toBe(400);
    expect(text.body.errors).toEqual([{ field: 'text', message: 'must contain text once HTML is removed' }]);
    const title = await postReview(t, shop.productId, buyer.auth, reviewBody({ title: '<b></b>' }));
    expect(title.status).toBe(400);
    expect(fields(title.body)).toEqual(['title']);
  });

  it('stores plain text: tags and scripts removed, entities decoded, markup counted out of the length', async () => {
    const res = await postReview(
      t,
      shop.productId,
      buyer.auth,
      reviewBody({
        title: '<h1>Superbe</h1> <script>alert(1)</script>',
        text: `<p>Très <b>beau</b> &amp; solide.</p><p>&lt;script&gt;steal()&lt;/script&gt;Merci</p>${'<i></i>'.repeat(60)}`,
        images: ['https://cdn.example.com/r/1.jpg'],
      }),
    );
    expect(res.status).toBe(201);
    const { rows } = await t.db.query(`SELECT title, body, images FROM review WHERE id = $1`, [res.body.id]);
    expect(rows[0]).toEqual({
      title: 'Superbe',
      body: 'Très beau & solide.\n\nMerci',
      images: ['https://cdn.example.com/r/1.jpg'],
    });
    expect(res.body.text).toBe('Très beau & solide.\n\nMerci');
  });
});

describe('how often a buyer may review', () => {
  it('refuses the review past REVIEWS_PER_HOUR with 429 and when to come back', async () => {
    const shop = await givenShop(t.db);
    const buyer = await signUp(t, { name: 'Prolific' });
    const products = [shop.productId];
    for (let i = 0; i < 3; i++) products.push(await anotherProduct(t.db, shop.cooperativeId));
    await insertOrder(t.db, { buyerId: buyer.id, lines: products.map((productId) => ({ productId })) });

    const statuses: number[] = [];
    for (const productId of products) statuses.push((await postReview(t, productId, buyer.auth)).status);

    expect(statuses).toEqual([201, 201, 201, 429]);
    const last = await postReview(t, products[3], buyer.auth);
    expect(last.body).toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
    expect(last.body.retryAfterSeconds).toBeGreaterThan(3500);
    expect(last.body.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(await reviewCount(products[3])).toBe(0);

    // An hour later the buyer may write again.
    await t.db.query(
      `UPDATE review SET created_at = created_at - interval '61 minutes' WHERE author_id = $1`,
      [buyer.id],
    );
    expect((await postReview(t, products[3], buyer.auth)).status).toBe(201);
  });
});
