import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Actor, signUp } from '../support/actors';
import {
  anotherProduct,
  givenShop,
  insertOrder,
  postReview,
  recomputedRating,
  reviewBody,
  storedRating,
} from '../support/reviews-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
let buyers: Actor[];
beforeAll(async () => {
  t = await startTestApp({ env: { REVIEWS_PER_HOUR: '1000' } });
  admin = await signUp(t, { name: 'Admin', admin: true });
  buyers = [];
  for (const name of ['Amina', 'John', 'Léa']) buyers.push(await signUp(t, { name }));
});
afterAll(async () => {
  await t?.close();
});

type Op =
  | { kind: 'create'; buyer: number; product: number; rating: number }
  | { kind: 'hide' | 'unhide' | 'delete'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      buyer: fc.nat(2),
      product: fc.nat(1),
      rating: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unhide' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(20) }) },
);
/** Batches of operations; the operations of one batch run at the same time. */
const batches = fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });

describe('ratings kept by review changes', () => {
  it('always equal a recomputation from the visible review rows, whatever creates, hides and deletions ran', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (plan) => {
        const shop = await givenShop(t.db);
        const products = [shop.productId, await anotherProduct(t.db, shop.cooperativeId, 'carpet')];
        for (const buyer of buyers) {
          await insertOrder(t.db, {
            buyerId: buyer.id,
            lines: [{ productId: products[0] }, { productId: products[0] }, { productId: products[1] }],
          });
        }
        const reviews: string[] = [];
        for (const batch of plan) {
          const statuses = await Promise.all(
            batch.map(async (o) => {
              if (o.kind === 'create') {
                const res = await postReview(
                  t,
                  products[o.product],
                  buyers[o.buyer].auth,
                  reviewBody({ rating: o.rating }),
                );
                if (res.status === 201) reviews.push(res.body.id);
                return res.status;
              }
              if (reviews.length === 0) return 0;
              const id = reviews[o.pick % reviews.length];
              const res =
                o.kind === 'delete'
                  ? await t.http().delete(`/v1/reviews/${id}`).set('authorization', admin.auth)
                  : await t
                      .http()
                      .post(`/v1/reviews/${id}/${o.kind}`)
                      .set('authorization', admin.auth)
                      .send({ reason: 'Property test' });
              return res.status;
            }),
          );
          // Refusals are fine (no line left, already hidden, already deleted); errors are not.
          for (const status of statuses) expect([0, 200, 201, 204, 403, 404, 409]).toContain(status);
        }
        for (const productId of products) {
          expect(await storedRating(t.db, 'product', productId)).toEqual(
            await recomputedRating(t.db, 'product_id', productId),
          );
        }
        expect(await storedRating(t.db, 'cooperative', shop.cooperativeId)).toEqual(
          await recomputedRating(t.db, 'cooperative_id', shop.cooperativeId),
        );
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('stays exact when many buyers review the same product at once', async () => {
    const shop = await givenShop(t.db);
    const ratings = [5, 4, 4, 3, 5, 1, 2, 5, 4];
    await Promise.all(
      ratings.map((_, i) =>
        insertOrder(t.db, { buyerId: buyers[i % 3].id, lines: [{ productId: shop.productId }] }),
      ),
    );
    const answers = await Promise.all(
      ratings.map((rating, i) => postReview(t, shop.productId, buyers[i % 3].auth, reviewBody({ rating }))),
    );
    expect(answers.map((a) => a.status)).toEqual(ratings.map(() => 201));
    expect(await storedRating(t.db, 'product', shop.productId)).toEqual({
      average: 3.67,
      count: 9,
      distribution: [1, 1, 1, 3, 3],
    });
    expect(await storedRating(t.db, 'cooperative', shop.cooperativeId)).toEqual(
      await recomputedRating(t.db, 'cooperative_id', shop.cooperativeId),
    );
  });
});
