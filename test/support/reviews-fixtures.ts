import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { insertCooperative, insertProduct } from './storefront-fixtures';
import type { TestApp } from './test-app';

/**
 * Orders for reviews and insights, written straight into the orders lib's tables (migration
 * 1764300000000-Orders) with pg, because checkout is another lib's and not what these tests are
 * about: paid orders, split per cooperative into sub-orders, delivered unless told otherwise.
 */
export interface LineSpec {
  productId: string;
  quantity?: number;
  /** Defaults to the product's first variant's price. */
  unitPriceMad?: number;
}

export interface OrderSpec {
  /** A registered buyer; null for a guest (then give `email`). */
  buyerId: string | null;
  email?: string;
  /** ISO 3166-1 alpha-2 destination. */
  country?: string;
  paidAt?: Date | string;
  status?: 'paid' | 'completed' | 'partially_refunded' | 'refunded' | 'pending_payment' | 'cancelled';
  subOrderStatus?: 'pending_payment' | 'paid' | 'accepted' | 'shipped' | 'delivered' | 'cancelled';
  lines: LineSpec[];
}

export interface PlacedLine {
  id: string;
  productId: string;
}

export interface PlacedOrder {
  id: string;
  subOrders: { id: string; cooperativeId: string; lines: PlacedLine[] }[];
  /** Every line, in the order given. */
  lines: PlacedLine[];
}

interface VariantRow {
  id: string;
  product_id: string;
  cooperative_id: string;
  sku: string;
  price_amount: string;
  title: Record<string, string>;
}

export async function insertOrder(db: Pool, spec: OrderSpec): Promise<PlacedOrder> {
  const status = spec.status ?? 'completed';
  const subStatus = spec.subOrderStatus ?? (status === 'pending_payment' ? 'pending_payment' : 'delivered');
  const paidAt =
    status === 'pending_payment' || status === 'cancelled' ? null : new Date(spec.paidAt ?? Date.now());
  const productIds = [...new Set(spec.lines.map((l) => l.productId))];
  const { rows: variants } = await db.query<VariantRow>(
    `SELECT DISTINCT ON (v.product_id) v.id, v.product_id, v.cooperative_id, v.sku, v.price_amount, p.title
       FROM variant v JOIN product p ON p.id = v.product_id
      WHERE v.product_id = ANY($1::uuid[]) ORDER BY v.product_id, v.position, v.id`,
    [productIds],
  );
  const variantOf = new Map(variants.map((v) => [v.product_id, v]));
  const lines = spec.lines.map((l, position) => {
    const v = variantOf.get(l.productId);
    if (!v) throw new Error(`product ${l.productId} has no variant`);
    const unit = l.unitPriceMad ?? Number(v.price_amount);
    const quantity = l.quantity ?? 1;
    return { id: randomUUID(), variant: v, unit, quantity, total: unit * quantity, position };
  });
  const byCooperative = new Map<string, typeof lines>();
  for (const line of lines) {
    const list = byCooperative.get(line.variant.cooperative_id) ?? [];
    list.push(line);
    byCooperative.set(line.variant.cooperative_id, list);
  }
  const goods = lines.reduce((sum, l) => sum + l.total, 0);
  const orderId = randomUUID();
  const email = spec.email ?? `buyer.${randomBytes(4).toString('hex')}@example.com`;
  const address = {
    name: 'Test Buyer',
    line1: '1 Test Street',
    city: 'Test City',
    country: spec.country ?? 'FR',
  };

  await db.query(
    `INSERT INTO customer_order (id, reference, user_id, buyer_email, buyer_name, locale, shipping_address, status,
                                 goods_mad, shipping_mad, total_mad, currency, total_amount, rate_mad_per_unit,
                                 rate_date, rate_source, payment_provider, created_at, paid_at)
     VALUES ($1, $2, $3, $4, 'Test Buyer', 'en', $5, $6, $7::bigint, 0, $7::bigint, 'MAD', $7::bigint, 1,
             current_date, 'test', 'cmi', coalesce($8::timestamptz, now()), $8::timestamptz)`,
    [orderId, `T-${randomBytes(6).toString('hex')}`, spec.buyerId, email, address, status, goods, paidAt],
  );
  const subOrders: PlacedOrder['subOrders'] = [];
  for (const [cooperativeId, own] of byCooperative) {
    const subId = randomUUID();
    const subGoods = own.reduce((sum, l) => sum + l.total, 0);
    await db.query(
      `INSERT INTO sub_order (id, order_id, cooperative_id, status, goods_mad, quote_id, quote_option_id, carrier,
                              service, incoterm, transit_min, transit_max, shipping_mad, duties_mad, taxes_mad,
                              fees_mad, shipping_charge_mad, total_mad, commission_bp, commission_mad, delivered_at)
       VALUES ($1, $2, $3, $4::text, $5::bigint, gen_random_uuid(), gen_random_uuid(), 'dhl-express',
               'EXPRESS WORLDWIDE', 'DAP', 3, 6, 0, 0, 0, 0, 0, $5::bigint, 1000, $5::bigint / 10,
               CASE WHEN $4::text = 'delivered' THEN now() END)`,
      [subId, orderId, cooperativeId, subStatus, subGoods],
    );
    for (const l of own) {
      await db.query(
        `INSERT INTO order_line (id, sub_order_id, variant_id, product_id, sku, title, unit_price_mad, quantity,
                                 total_mad, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          l.id,
          subId,
          l.variant.id,
          l.variant.product_id,
          l.variant.sku,
          l.variant.title,
          l.unit,
          l.quantity,
          l.total,
          l.position,
        ],
      );
    }
    subOrders.push({
      id: subId,
      cooperativeId,
      lines: own.map((l) => ({ id: l.id, productId: l.variant.product_id })),
    });
  }
  return { id: orderId, subOrders, lines: lines.map((l) => ({ id: l.id, productId: l.variant.product_id })) };
}

/** A cooperative with one active product of `craft`, straight in the database. */
export async function givenShop(
  db: Pool,
  opts: { region?: string; craft?: string; price?: number } = {},
): Promise<{ cooperativeId: string; slug: string; productId: string }> {
  const slug = `shop-${randomBytes(4).toString('hex')}`;
  const cooperativeId = await insertCooperative(db, {
    slug,
    region: opts.region ?? 'fes-meknes',
    crafts: [opts.craft ?? 'pottery'],
  });
  const productId = await insertProduct(db, cooperativeId, {
    craft: opts.craft ?? 'pottery',
    prices: [opts.price ?? 45000],
  });
  return { cooperativeId, slug, productId };
}

/** Another active product of the same cooperative. */
export const anotherProduct = (db: Pool, cooperativeId: string, craft = 'pottery', price = 45000) =>
  insertProduct(db, cooperativeId, { craft, prices: [price] });

/** A valid review body; `overrides` change it. */
export function reviewBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rating: 5,
    title: 'Beautiful bowl',
    text: 'The cobalt is deeper than on the photos and it arrived without a scratch.',
    locale: 'en',
    ...overrides,
  };
}

/** POST /v1/products/:id/reviews as `auth`. */
export const postReview = (
  t: TestApp,
  productId: string,
  auth: string,
  body: Record<string, unknown> = reviewBody(),
) => t.http().post(`/v1/products/${productId}/reviews`).set('authorization', auth).send(body);

export interface StoredRating {
  average: number | null;
  count: number;
  distribution: number[];
}

/** The rating columns as stored on a product or a cooperative. */
export async function storedRating(
  db: Pool,
  table: 'product' | 'cooperative',
  id: string,
): Promise<StoredRating> {
  const { rows } = await db.query(
    `SELECT rating_average::float8 AS average, rating_count AS count, rating_distribution AS distribution
       FROM ${table} WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** The same rating recomputed from the visible review rows: what the stored one must always equal. */
export async function recomputedRating(
  db: Pool,
  column: 'product_id' | 'cooperative_id',
  id: string,
): Promise<StoredRating> {
  const { rows } = await db.query(
    `SELECT round(avg(rating), 2)::float8 AS average, count(*)::int AS count,
            ARRAY(SELECT count(r2.*)::int FROM generate_series(1, 5) star
                    LEFT JOIN review r2 ON r2.${column} = $1 AND r2.hidden_at IS NULL AND r2.rating = star
                   GROUP BY star ORDER BY star) AS distribution
       FROM review WHERE ${column} = $1 AND hidden_at IS NULL`,
    [id],
  );
  return rows[0];
}
