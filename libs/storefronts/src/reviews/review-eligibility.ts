import { Problem, type SqlRunner } from '@souk/platform';

/** The delivered order line a review will speak for. */
export interface ReviewableLine {
  orderLineId: string;
  cooperativeId: string;
}

interface PurchasedLine {
  order_line_id: string;
  cooperative_id: string;
  delivered: boolean;
  reviewed: boolean;
}

/**
 * Who may review a product: a buyer whose sub-order holding it was delivered, once per line.
 * One statement over the buyer's own orders (customer_order_user_idx), so a buyer with a long
 * history costs a few index reads, never a scan of order lines.
 */
export async function reviewableLine(
  tx: SqlRunner,
  buyerId: string,
  productId: string,
  orderLineId?: string,
): Promise<ReviewableLine> {
  const lines = await tx.rows<PurchasedLine>(
    `SELECT ol.id AS order_line_id, s.cooperative_id, s.status = 'delivered' AS delivered,
            EXISTS (SELECT 1 FROM review r WHERE r.order_line_id = ol.id) AS reviewed
       FROM customer_order o
       JOIN sub_order s ON s.order_id = o.id
       JOIN order_line ol ON ol.sub_order_id = s.id
      WHERE o.user_id = $1 AND ol.product_id = $2 AND o.paid_at IS NOT NULL
      ORDER BY s.delivered_at NULLS LAST, ol.id`,
    [buyerId, productId],
  );
  if (lines.length === 0) throw Problem.forbidden('Only buyers of this product can review it');

  if (orderLineId) {
    const line = lines.find((l) => l.order_line_id === orderLineId.toLowerCase());
    if (!line)
      throw Problem.forbidden(`Order line ${orderLineId} is not one of your purchases of this product`);
    if (!line.delivered) throw Problem.forbidden('A purchase can be reviewed once it has been delivered');
    if (line.reviewed) throw alreadyReviewed();
    return { orderLineId: line.order_line_id, cooperativeId: line.cooperative_id };
  }

  const delivered = lines.filter((l) => l.delivered);
  if (delivered.length === 0)
    throw Problem.forbidden('A purchase can be reviewed once it has been delivered');
  const open = delivered.find((l) => !l.reviewed);
  if (!open) throw alreadyReviewed();
  return { orderLineId: open.order_line_id, cooperativeId: open.cooperative_id };
}

export const alreadyReviewed = (): Problem =>
  Problem.conflict('You have already reviewed this purchase: each delivered order line is reviewed once');
