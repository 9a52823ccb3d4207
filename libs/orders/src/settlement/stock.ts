import { type OutboxEvent, Problem, problemType, type SqlRunner } from '@souk/platform';

export interface StockItem {
  variantId: string;
  quantity: number;
  sku?: string;
}

/** In variant id order, so that two checkouts touching the same variants lock them in the same order. */
const sorted = (items: readonly StockItem[]) =>
  [...items].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));

/**
 * Reserves every item or none (the caller's transaction rolls back on the 409). The database
 * decides, one conditional UPDATE per variant: never more than stock minus what is already reserved.
 */
export async function reserve(tx: SqlRunner, items: readonly StockItem[]): Promise<void> {
  for (const item of sorted(items)) {
    const done = await tx.rows(
      `UPDATE variant SET reserved = reserved + $2 WHERE id = $1 AND stock - reserved >= $2 RETURNING id`,
      [item.variantId, item.quantity],
    );
    if (done.length === 1) continue;
    const now = await tx.one<{ available: number }>(
      `SELECT stock - reserved AS available FROM variant WHERE id = $1`,
      [item.variantId],
    );
    const available = Math.max(0, now?.available ?? 0);
    throw new Problem({
      type: problemType('out-of-stock'),
      title: 'Out of stock',
      status: 409,
      detail: `Variant ${item.variantId}${item.sku ? ` (${item.sku})` : ''} has ${available} unit${available === 1 ? '' : 's'} left; the cart asks for ${item.quantity}`,
      variantId: item.variantId,
      sku: item.sku,
      requested: item.quantity,
      available,
    });
  }
}

/** Gives reserved units back (an order cancelled unpaid). */
export async function release(tx: SqlRunner, items: readonly StockItem[]): Promise<void> {
  for (const item of sorted(items)) {
    const done = await tx.rows(
      `UPDATE variant SET reserved = reserved - $2 WHERE id = $1 AND reserved >= $2 RETURNING id`,
      [item.variantId, item.quantity],
    );
    if (done.length !== 1)
      throw new Error(`variant ${item.variantId} holds fewer reserved units than released`);
  }
}

/** A paid order takes its units for good: they leave the stock and the reservation together. */
export async function commit(tx: SqlRunner, items: readonly StockItem[]): Promise<void> {
  for (const item of sorted(items)) {
    const done = await tx.rows(
      `UPDATE variant SET stock = stock - $2, reserved = reserved - $2, updated_at = now()
        WHERE id = $1 AND reserved >= $2 RETURNING id`,
      [item.variantId, item.quantity],
    );
    if (done.length !== 1) throw new Error(`variant ${item.variantId} holds fewer reserved units than sold`);
  }
}

/** An order's items, summed per variant (a variant can only appear once per cart, but be safe). */
export async function orderItems(tx: SqlRunner, orderId: string): Promise<StockItem[]> {
  return tx.rows<StockItem>(
    `SELECT l.variant_id AS "variantId", sum(l.quantity)::int AS quantity
       FROM order_line l JOIN sub_order s ON s.id = l.sub_order_id
      WHERE s.order_id = $1 GROUP BY l.variant_id`,
    [orderId],
  );
}

/**
 * `stock.changed` per product whose available units moved (a reservation taken or given back), as
 * the catalogue writes it, so channel listings (libs/listing-sync) show what can still be sold.
 */
export function stockChanged(items: readonly { productId: string; cooperativeId: string }[]): OutboxEvent[] {
  const products = new Map(items.map((i) => [i.productId, i.cooperativeId]));
  return [...products].map(([productId, cooperativeId]) => ({
    type: 'stock.changed',
    aggregateType: 'product',
    aggregateId: productId,
    payload: { cooperativeId },
  }));
}

/** The products and cooperatives of an order's lines, for stockChanged. */
export function orderProducts(
  tx: SqlRunner,
  orderId: string,
): Promise<{ productId: string; cooperativeId: string }[]> {
  return tx.rows(
    `SELECT DISTINCT l.product_id AS "productId", s.cooperative_id AS "cooperativeId"
       FROM order_line l JOIN sub_order s ON s.id = l.sub_order_id WHERE s.order_id = $1`,
    [orderId],
  );
}
