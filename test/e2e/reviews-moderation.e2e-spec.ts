import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import { givenMember } from '../support/catalogue-fixtures';
import { givenShop, insertOrder, postReview, reviewBody, storedRating } from '../support/reviews-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

/** A shop with an owner, and a delivered buyer who has reviewed its product. */
async function givenReviewed(rating = 5) {
  const shop = await givenShop(t.db);
  const owner = await signUp(t, { name: 'Owner' });
  await givenMember(t, { id: shop.cooperativeId, slug: shop.slug }, owner);
  const buyer = await signUp(t, { name: 'Sara Benali' });
  await insertOrder(t.db, { buyerId: buyer.id, lines: [{ productId: shop.productId }] });
  const res = await postReview(t, shop.productId, buyer.auth, reviewBody({ rating }));
  if (res.status !== 201) throw new Error(`review: ${res.status} ${res.text}`);
  return { shop, owner, buyer, review: res.body };
}

const post = (path: string, auth: string | undefined, body: Record<string, unknown>) => {
  const req = t.http().post(path);
  if (auth) req.set('authorization', auth);
  return req.send(body);
};

describe("the cooperative's answer", () => {
  it('lets a member answer once; the answer is shown with the review, a second one is a 409', async () => {
    const { owner, review } = await givenReviewed();

    const first = await post(`/v1/reviews/${review.id}/reply`, owner.auth, { text: '<p>Merci Sara !</p>' });
    expect(first.status).toBe(201);
    expect(first.body.reply).toEqual({ text: 'Merci Sara !', repliedAt: expect.any(String) });
    const second = await post(`/v1/reviews/${review.id}/reply`, owner.auth, { text: 'Encore merci' });
    expect(second.status).toBe(409);

    const { rows } = await t.db.query(`SELECT reply_body, reply_author_id FROM review WHERE id = $1`, [
      review.id,
    ]);
    expect(rows).toEqual([{ reply_body: 'Merci Sara !', reply_author_id: owner.id }]);
    const shown = await t.http().get(`/v1/reviews/${review.id}`).expect(200);
    expect(shown.body.reply.text).toBe('Merci Sara !');
  });

  it('refuses the buyer, a member of another cooperative and an admin who is not a member (403)', async () => {
    const { buyer, review } = await givenReviewed();
    const elsewhere = await givenReviewed();
    for (const who of [buyer, elsewhere.owner, admin]) {
      const res = await post(`/v1/reviews/${review.id}/reply`, who.auth, { text: 'Thanks' });
      expect(res.status).toBe(403);
    }
    expect((await post(`/v1/reviews/${review.id}/reply`, undefined, { text: 'Thanks' })).status).toBe(401);
    const { rows } = await t.db.query(`SELECT reply_body FROM review WHERE id = $1`, [review.id]);
    expect(rows[0].reply_body).toBeNull();
  });
});

describe('hiding a review', () => {
  it('keeps the review with who hid it and why, takes it out of the rating and the lists', async () => {
    const { shop, review } = await givenReviewed(2);
    expect((await storedRating(t.db, 'product', shop.productId)).count).toBe(1);

    const res = await post(`/v1/reviews/${review.id}/hide`, admin.auth, { reason: 'Insults the artisan' });

    expect(res.status).toBe(200);
    expect(res.body.moderation).toEqual({
      hidden: true,
      reason: 'Insults the artisan',
      hiddenBy: admin.id,
      hiddenAt: expect.any(String),
      reports: 0,
    });
    const { rows } = await t.db.query(`SELECT hidden_by, hidden_reason FROM review WHERE id = $1`, [
      review.id,
    ]);
    expect(rows).toEqual([{ hidden_by: admin.id, hidden_reason: 'Insults the artisan' }]);
    const { rows: log } = await t.db.query(
      `SELECT action, reason, actor_id FROM review_moderation WHERE review_id = $1 ORDER BY id`,
      [review.id],
    );
    expect(log).toEqual([{ action: 'hidden', reason: 'Insults the artisan', actor_id: admin.id }]);
    expect(await storedRating(t.db, 'product', shop.productId)).toEqual({
      average: null,
      count: 0,
      distribution: [0, 0, 0, 0, 0],
    });
    expect(await storedRating(t.db, 'cooperative', shop.cooperativeId)).toMatchObject({ count: 0 });
    const list = await t.http().get(`/v1/products/${shop.productId}/reviews`).expect(200);
    expect(list.body.items).toEqual([]);
    expect((await t.http().get(`/v1/reviews/${review.id}`)).status).toBe(404);
    const asAdmin = await t
      .http()
      .get(`/v1/reviews/${review.id}`)
      .set('authorization', admin.auth)
      .expect(200);
    expect(asAdmin.body.moderation.hidden).toBe(true);
  });

  it('counts it again once unhidden, and keeps both decisions in the log', async () => {
    const { shop, review } = await givenReviewed(4);
    await post(`/v1/reviews/${review.id}/hide`, admin.auth, { reason: 'Checking' }).expect(200);
    const res = await post(`/v1/reviews/${review.id}/unhide`, admin.auth, { reason: 'Checked, it is fine' });
    expect(res.status).toBe(200);
    expect(res.body.moderation).toMatchObject({ hidden: false, reason: null });
    expect(await storedRating(t.db, 'product', shop.productId)).toEqual({
      average: 4,
      count: 1,
      distribution: [0, 0, 0, 1, 0],
    });
    const { rows } = await t.db.query(
      `SELECT action, reason FROM review_moderation WHERE review_id = $1 ORDER BY id`,
      [review.id],
    );
    expect(rows).toEqual([
      { action: 'hidden', reason: 'Checking' },
      { action: 'unhidden', reason: 'Checked, it is fine' },
    ]);
  });

  it('refuses anyone but an admin (403), a hidden review twice (409), a missing reason (400)', async () => {
    const { owner, buyer, review } = await givenReviewed();
    for (const who of [owner, buyer]) {
      expect(
        (await post(`/v1/reviews/${review.id}/hide`, who.auth, { reason: 'Not mine to hide' })).status,
      ).toBe(403);
    }
    expect((await post(`/v1/reviews/${review.id}/hide`, admin.auth, {})).status).toBe(400);
    expect((await post(`/v1/reviews/${review.id}/unhide`, admin.auth, { reason: 'Not hidden' })).status).toBe(
      409,
    );
    await post(`/v1/reviews/${review.id}/hide`, admin.auth, { reason: 'Spam' }).expect(200);
    expect((await post(`/v1/reviews/${review.id}/hide`, admin.auth, { reason: 'Spam again' })).status).toBe(
      409,
    );
    expect(
      (await post('/v1/reviews/00000000-0000-4000-8000-000000000000/hide', admin.auth, { reason: 'Gone' }))
        .status,
    ).toBe(404);
  });
});

describe('reporting a review', () => {
  it('takes one report per person and counts them', async () => {
    const { review } = await givenReviewed();
    const [ali, ben] = [await signUp(t, { name: 'Ali' }), await signUp(t, { name: 'Ben' })];

    expect(
      (await post(`/v1/reviews/${review.id}/reports`, ali.auth, { reason: 'Advertises a shop' })).body,
    ).toEqual({
      reviewId: review.id,
      reports: 1,
    });
    expect((await post(`/v1/reviews/${review.id}/reports`, ali.auth, { reason: 'Again' })).status).toBe(409);
    expect((await post(`/v1/reviews/${review.id}/reports`, ben.auth, { reason: 'Fake' })).body.reports).toBe(
      2,
    );
    expect((await post(`/v1/reviews/${review.id}/reports`, undefined, { reason: 'Anonymous' })).status).toBe(
      401,
    );

    const { rows } = await t.db.query(
      `SELECT reporter_id FROM review_report WHERE review_id = $1 ORDER BY created_at`,
      [review.id],
    );
    expect(rows.map((r) => r.reporter_id).sort()).toEqual([ali.id, ben.id].sort());
    const asAdmin = await t
      .http()
      .get(`/v1/reviews/${review.id}`)
      .set('authorization', admin.auth)
      .expect(200);
    expect(asAdmin.body.moderation.reports).toBe(2);
  });
});

describe('deleting a review', () => {
  it('lets its author take it back, and the rating follows', async () => {
    const { shop, buyer, review } = await givenReviewed(3);
    const res = await t.http().delete(`/v1/reviews/${review.id}`).set('authorization', buyer.auth);
    expect(res.status).toBe(204);
    expect((await t.db.query(`SELECT 1 FROM review WHERE id = $1`, [review.id])).rowCount).toBe(0);
    expect(await storedRating(t.db, 'product', shop.productId)).toMatchObject({ count: 0, average: null });
    // The line is open again: the buyer may write a new review of it.
    expect((await postReview(t, shop.productId, buyer.auth)).status).toBe(201);
  });

  it("refuses someone else's deletion (403), including the cooperative's", async () => {
    const { owner, review } = await givenReviewed();
    const stranger = await signUp(t, { name: 'Stranger' });
    for (const who of [owner, stranger]) {
      expect((await t.http().delete(`/v1/reviews/${review.id}`).set('authorization', who.auth)).status).toBe(
        403,
      );
    }
    expect((await t.db.query(`SELECT 1 FROM review WHERE id = $1`, [review.id])).rowCount).toBe(1);
  });
});
