import { Injectable } from '@nestjs/common';
import { Sql } from '@souk/platform';
import type { RefundView } from './refund.view';

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const mad = (col: string) => `json_build_object('amount', ${col}, 'currency', 'MAD')`;

/** A refund with its parts per sub-order, as one JSON value. */
@Injectable()
export class RefundsQuery {
  constructor(private readonly sql: Sql) {}

  async refund(id: string): Promise<RefundView | undefined> {
    const row = await this.sql.one<{ view: RefundView }>(
      `SELECT json_build_object(
         'id', r.id, 'orderId', r.order_id, 'subOrderId', r.sub_order_id, 'status', r.status,
         'amount', json_build_object('amount', r.amount, 'currency', trim(r.currency)),
         'amountMad', ${mad('r.amount_mad')}, 'reason', r.reason, 'failure', r.failure,
         'parts', (SELECT json_agg(json_build_object(
                     'subOrderId', s.id, 'cooperativeId', s.cooperative_id,
                     'lines', (SELECT coalesce(json_agg(json_build_object('lineId', x.order_line_id, 'quantity', x.quantity,
                                 'amount', ${mad('x.goods_mad')}) ORDER BY x.order_line_id), '[]'::json)
                                 FROM refund_part x WHERE x.refund_id = r.id AND x.sub_order_id = s.id AND x.order_line_id IS NOT NULL),
                     'shipping', ${mad(`(SELECT coalesce(sum(x.shipping_mad), 0) FROM refund_part x WHERE x.refund_id = r.id AND x.sub_order_id = s.id)`)},
                     'commission', ${mad(`(SELECT coalesce(sum(x.commission_mad), 0) FROM refund_part x WHERE x.refund_id = r.id AND x.sub_order_id = s.id)`)}
                   ) ORDER BY s.id)
                     FROM sub_order s WHERE s.id IN (SELECT sub_order_id FROM refund_part WHERE refund_id = r.id)),
         'createdAt', ${iso('r.created_at')}, 'completedAt', ${iso('r.completed_at')}) AS view
         FROM refund r WHERE r.id = $1`,
      [id],
    );
    return row?.view;
  }
}
