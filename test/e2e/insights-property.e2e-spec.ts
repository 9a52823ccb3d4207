import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Actor, signUp } from '../support/actors';
import { insertOrder, insertReview, refreshInsights } from '../support/insights-fixtures';
import { insertCooperative, insertProduct } from '../support/storefront-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The insights against a brute-force recomputation from the orders themselves, for random
 * orders, periods and filters: buyers and repeat buyers above all, which insight_sales counts
 * without a row per buyer (see libs/insights/src/sales/insights.query.ts).
 */
let t: TestApp;
let admin: Actor;
const PRODUCTS: { id: string; craft: string; region: string; coop: string; price: number }[] = [];
const BUYERS: { id: string | null; email: string }[] = [];
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
const COUNTRIES = ['US', 'FR', 'ES'];

beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
  const a = await insertCooperative(t.db, { slug: 'prop-fes', region: 'fes-meknes', crafts: ['pottery'] });
  const b = await insertCooperative(t.db, {
    slug: 'prop-souss',
    region: 'souss-massa',
    crafts: ['carpet', 'leather'],
  });
  for (const [coop, region, craft, price] of [
    [a, 'fes-meknes', 'pottery', 20000],
    [b, 'souss-massa', 'carpet', 150000],
    [b, 'souss-massa', 'leather', 80000],
  ] as const) {
    PRODUCTS.push({
      id: await insertProduct(t.db, coop, { craft, prices: [price] }),
      craft,
      region,
      coop,
      price,
    });
  }
  for (let i = 0; i < 3; i++) {
    const { rows } = await t.db.query(
      `INSERT INTO app_user (email, password_hash, name) VALUES ($1, 'x', 'Buyer') RETURNING id, email`,
      [`prop.buyer.${i}@example.com`],
    );
    BUYERS.push(rows[0]);
  }
  BUYERS.push({ id: null, email: 'guest.one@example.com' }, { id: null, email: 'Guest.Two@example.com' });
});
afterAll(async () => {
  await t?.close();
});

interface LinePlan {
  product: number;
  quantity: number;
  review: null | { rating: number; hidden: boolean };
}
interface OrderPlan {
  buyer: number;
  country: number;
  month: number;
  day: number;
  status: 'completed' | 'paid' | 'refunded' | 'pending_payment' | 'partially_refunded';
  lines: LinePlan[];
}

const line: fc.Arbitrary<LinePlan> = fc.record({
  product: fc.nat(2),
  quantity: fc.integer({ min: 1, max: 3 }),
  review: fc.option(fc.record({ rating: fc.integer({ min: 1, max: 5 }), hidden: fc.boolean() }), { freq: 2 }),
});
const order: fc.Arbitrary<OrderPlan> = fc.record({
  buyer: fc.nat(4), // three registered buyers, two guests
  country: fc.nat(2),
  month: fc.nat(4),
  day: fc.integer({ min: 1, max: 28 }),
  status: fc.constantFrom(
    'completed',
    'completed',
    'paid',
    'partially_refunded',
    'refunded',
    'pending_payment',
  ),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
});
const query = fc.record({
  from: fc.option(fc.nat(4), { nil: undefined }),
  span: fc.nat(4),
  to: fc.boolean(),
  craft: fc.option(fc.constantFrom('pottery', 'carpet', 'leather'), { nil: undefined }),
  region: fc.option(fc.constantFrom('fes-meknes', 'souss-massa'), { nil: undefined }),
  cooperative: fc.option(fc.nat(1), { nil: undefined }),
});

interface Tally {
  orders: number;
  revenue: number;
  units: number;
  buyers: number;
  repeatBuyers: number;
  reviews: number;
  positive: number;
}

/** The figures of a set of (order, matching lines), recounted the plain way. */
function tally(sales: { buyer: string; lines: (LinePlan & { total: number })[] }[]): Tally {
  const perBuyer = new Map<string, number>();
  for (const s of sales) perBuyer.set(s.buyer, (perBuyer.get(s.buyer) ?? 0) + 1);
  const lines = sales.flatMap((s) => s.lines);
  const visible = lines.filter((l) => l.review && !l.review.hidden);
  return {
    orders: sales.length,
    revenue: lines.reduce((sum, l) => sum + l.total, 0),
    units: lines.reduce((sum, l) => sum + l.quantity, 0),
    buyers: perBuyer.size,
    repeatBuyers: [...perBuyer.values()].filter((n) => n >= 2).length,
    reviews: visible.length,
    positive: visible.filter((l) => l.review!.rating >= 4).length,
  };
}

const seen = (f: any): Tally => ({
  orders: f.orders,
  revenue: f.revenue.amount,
  units: f.units,
  buyers: f.buyers,
  repeatBuyers: f.repeatBuyers,
  reviews: f.satisfaction.reviews,
  positive: f.satisfaction.positive,
});

describe('insights against a recount from the orders', () => {
  it('agree for any orders, period, craft, region and cooperative', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { maxLength: 12 }), query, async (plans, q) => {
        await t.db.query(`DELETE FROM review`);
        await t.db.query(`DELETE FROM customer_order`);
        const placed: {
          plan: OrderPlan;
          buyer: string;
          month: string;
          lines: (LinePlan & { total: number })[];
        }[] = [];
        for (const plan of plans) {
          const buyer = BUYERS[plan.buyer];
          const month = MONTHS[plan.month];
          const o = await insertOrder(t.db, {
            buyerId: buyer.id,
            email: buyer.email,
            country: COUNTRIES[plan.country],
            status: plan.status,
            paidAt: `${month}-${String(plan.day).padStart(2, '0')}T10:00:00Z`,
            lines: plan.lines.map((l) => ({ productId: PRODUCTS[l.product].id, quantity: l.quantity })),
          });
          const lines = plan.lines.map((l) => ({
            ...l,
            review: buyer.id ? l.review : null,
            total: PRODUCTS[l.product].price * l.quantity,
          }));
          for (const [i, l] of lines.entries()) {
            if (l.review) {
              await insertReview(t.db, o.lines[i], PRODUCTS[l.product].coop, buyer.id!, l.review.rating, {
                hidden: l.review.hidden,
              });
            }
          }
          placed.push({ plan, buyer: buyer.id ?? buyer.email.toLowerCase(), month, lines });
        }
        await refreshInsights(t);

        const from = q.from === undefined ? undefined : MONTHS[q.from];
        const to = q.from !== undefined && q.to ? MONTHS[Math.min(4, q.from + q.span)] : undefined;
        const coop = q.cooperative === undefined ? undefined : PRODUCTS[q.cooperative === 0 ? 0 : 1].coop;
        const params: Record<string, string> = {};
        if (from) params.from = from;
        if (to) params.to = to;
        if (q.craft) params.craft = q.craft;
        if (q.region && !coop) params.region = q.region;
        const res = await t
          .http()
          .get(coop ? `/v1/cooperatives/${coop}/insights` : '/v1/insights/exports')
          .query(params)
          .set('authorization', admin.auth);
        expect(res.status).toBe(200);

        const sales = placed
          .filter((p) => ['paid', 'completed', 'partially_refunded'].includes(p.plan.status))
          .filter((p) => (!from || p.month >= from) && (!to || p.month <= to))
          .map((p) => ({
            ...p,
            lines: p.lines.filter((l) => {
              const product = PRODUCTS[l.product];
              return (
                (!params.craft || product.craft === params.craft) &&
                (!params.region || product.region === params.region) &&
                (!coop || product.coop === coop)
              );
            }),
          }))
          .filter((p) => p.lines.length > 0);

        expect(seen(res.body.totals)).toEqual(tally(sales));
        for (const country of COUNTRIES) {
          const row = res.body.byCountry.find((c: any) => c.country === country);
          const expected = tally(sales.filter((s) => COUNTRIES[s.plan.country] === country));
          expect(row ? seen(row) : null).toEqual(expected.orders ? expected : null);
        }
        for (const craft of ['pottery', 'carpet', 'leather']) {
          const row = res.body.byCraft.find((c: any) => c.craft === craft);
          const of = sales
            .map((s) => ({ ...s, lines: s.lines.filter((l) => PRODUCTS[l.product].craft === craft) }))
            .filter((s) => s.lines.length > 0);
          const expected = tally(of);
          expect(row ? seen(row) : null).toEqual(expected.orders ? expected : null);
        }
        for (const row of res.body.byMonth) {
          expect(seen(row)).toEqual(tally(sales.filter((s) => s.month === row.month)));
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
