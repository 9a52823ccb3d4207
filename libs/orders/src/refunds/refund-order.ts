import { type ExchangeRate, Problem, type SqlRunner } from '@souk/platform';
import type { OrderStatus } from '../orders/states';

/** An order's money figures as a refund needs them, read under the order's row lock. */
export interface OrderFigures {
  id: string;
  reference: string;
  status: OrderStatus;
  payment_id: string | null;
  total_mad: string;
  total_amount: string;
  currency: string;
  rate_mad_per_unit: string;
  rate_date: string;
  rate_source: string;
  refunded_mad: string;
  refunded_amount: string;
  late_capture: boolean;
}

/** Locks the order (refunds of one order are served one after the other) and reads its figures. */
export async function lockOrderFigures(tx: SqlRunner, orderId: string): Promise<OrderFigures> {
  const order = await tx.one<OrderFigures>(
    `SELECT o.id, o.reference, o.status, o.payment_id, o.total_mad, o.total_amount, trim(o.currency) AS currency,
              o.rate_mad_per_unit::text AS rate_mad_per_unit, to_char(o.rate_date, 'YYYY-MM-DD') AS rate_date, o.rate_source,
              (SELECT coalesce(sum(r.amount_mad), 0) FROM refund r WHERE r.order_id = o.id AND r.status <> 'failed') AS refunded_mad,
              (SELECT coalesce(sum(r.amount), 0) FROM refund r WHERE r.order_id = o.id AND r.status <> 'failed') AS refunded_amount,
              EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = o.id AND e.detail ? 'captureAfterCancellation') AS late_capture
         FROM customer_order o WHERE o.id = $1 FOR UPDATE`,
    [orderId],
  );
  if (!order) throw Problem.notFound('Order', orderId);
  return order;
}

export const rateOf = (o: OrderFigures): ExchangeRate => ({
  currency: o.currency,
  madPerUnit: o.rate_mad_per_unit,
  effectiveDate: o.rate_date,
  source: o.rate_source,
});
