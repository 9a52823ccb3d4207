import type { Pool } from 'pg';
import { type Actor, signUp } from './actors';
import { loadNative } from './native';
import { insertOrder, type PlacedLine, type PlacedOrder } from './reviews-fixtures';
import { insertCooperative, insertProduct } from './storefront-fixtures';
import type { TestApp } from './test-app';

type Insights = typeof import('@souk/insights');

export { insertOrder } from './reviews-fixtures';

/** Recomputes insight_sales as the worker would, and waits for it. */
export async function refreshInsights(t: TestApp): Promise<void> {
  const { InsightsRefresher } = loadNative<Insights>('@souk/insights');
  await t.app.get(InsightsRefresher).refresh('test');
}

/** A review row written directly (the trigger keeps the ratings as for any other). */
export async function insertReview(
  db: Pool,
  line: PlacedLine,
  cooperativeId: string,
  authorId: string,
  rating: number,
  opts: { hidden?: boolean } = {},
): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO review (product_id, cooperative_id, order_line_id, author_id, author_name, rating, title, body, locale,
                         hidden_at, hidden_reason)
     VALUES ($1, $2, $3, $4, 'A buyer', $5, 'Title', 'Text', 'en',
             CASE WHEN $6::boolean THEN now() END, CASE WHEN $6::boolean THEN 'Hidden by the test' END)
     RETURNING id`,
    [line.productId, cooperativeId, line.id, authorId, rating, opts.hidden ?? false],
  );
  return rows[0].id;
}

/**
 * The small world the insights are checked against by hand (amounts in MAD minor units):
 *
 *   cooperative A, fes-meknes:      P1 pottery 200.00
 *   cooperative B, marrakech-safi:  P2 carpet 1500.00, P3 leather 800.00
 *
 *   O8 b1 → US 2025-12-20  P1×1                 200.00   (before the period)
 *   O1 b1 → US 2026-01-10  P1×2, P2×1           400.00 + 1500.00   review of P1 line: 5★
 *   O4 b3 → FR 2026-01-15  P2×1                1500.00               review: 3★
 *   O2 b1 → US 2026-02-05  P1×1                 200.00               review: 4★, hidden
 *   O3 b2 → US 2026-02-20  P3×1                 800.00
 *   O5 guest b4 → ES 2026-03-01  P1×3           600.00
 *   O6 b3 → FR 2026-03-10  P1×1  pending payment (not a sale)
 *   O7 b2 → US 2026-03-12  P2×1  refunded (not a sale)
 */
export interface ExportWorld {
  a: { id: string; slug: string };
  b: { id: string; slug: string };
  products: { p1: string; p2: string; p3: string };
  buyers: { b1: Actor; b2: Actor; b3: Actor };
  orders: Record<'o1' | 'o2' | 'o3' | 'o4' | 'o5' | 'o8', PlacedOrder>;
}

export async function givenExportWorld(t: TestApp): Promise<ExportWorld> {
  const db = t.db;
  const aSlug = `fes-pottery-${Date.now()}`;
  const bSlug = `safi-weavers-${Date.now()}`;
  const a = await insertCooperative(db, { slug: aSlug, region: 'fes-meknes', crafts: ['pottery'] });
  const b = await insertCooperative(db, {
    slug: bSlug,
    region: 'marrakech-safi',
    crafts: ['carpet', 'leather'],
  });
  const p1 = await insertProduct(db, a, { craft: 'pottery', prices: [20000] });
  const p2 = await insertProduct(db, b, { craft: 'carpet', prices: [150000] });
  const p3 = await insertProduct(db, b, { craft: 'leather', prices: [80000] });
  const [b1, b2, b3] = [
    await signUp(t, { name: 'Buyer One' }),
    await signUp(t, { name: 'Buyer Two' }),
    await signUp(t, { name: 'Buyer Three' }),
  ];
  const order = (
    buyer: Actor | null,
    country: string,
    paidAt: string,
    lines: { productId: string; quantity?: number }[],
    extra = {},
  ) =>
    insertOrder(db, {
      buyerId: buyer?.id ?? null,
      email: buyer ? buyer.email : 'guest.b4@example.es',
      country,
      paidAt,
      lines,
      ...extra,
    });

  const o8 = await order(b1, 'US', '2025-12-20T12:00:00Z', [{ productId: p1 }]);
  const o1 = await order(b1, 'US', '2026-01-10T12:00:00Z', [
    { productId: p1, quantity: 2 },
    { productId: p2 },
  ]);
  const o4 = await order(b3, 'FR', '2026-01-15T12:00:00Z', [{ productId: p2 }]);
  const o2 = await order(b1, 'US', '2026-02-05T12:00:00Z', [{ productId: p1 }]);
  const o3 = await order(b2, 'US', '2026-02-20T12:00:00Z', [{ productId: p3 }]);
  const o5 = await order(null, 'ES', '2026-03-01T12:00:00Z', [{ productId: p1, quantity: 3 }]);
  await order(b3, 'FR', '2026-03-10T12:00:00Z', [{ productId: p1 }], { status: 'pending_payment' });
  await order(b2, 'US', '2026-03-12T12:00:00Z', [{ productId: p2 }], { status: 'refunded' });

  await insertReview(db, o1.lines[0], a, b1.id, 5);
  await insertReview(db, o4.lines[0], b, b3.id, 3);
  await insertReview(db, o2.lines[0], a, b1.id, 4, { hidden: true });

  return {
    a: { id: a, slug: aSlug },
    b: { id: b, slug: bSlug },
    products: { p1, p2, p3 },
    buyers: { b1, b2, b3 },
    orders: { o1, o2, o3, o4, o5, o8 },
  };
}
