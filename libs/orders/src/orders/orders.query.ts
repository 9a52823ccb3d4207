import { Injectable } from '@nestjs/common';
import { decodeCursor, type Page, Problem, Sql, type SqlRunner, toPage } from '@souk/platform';
import type { OrderView, SubOrderView } from './order.view';
import type { SubOrderStatus } from './states';

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const mad = (col: string) => `json_build_object('amount', ${col}, 'currency', 'MAD')`;
const NOT_FAILED = `r.status <> 'failed'`;

/** One sub-order `s` (with its cooperative `c` and order `o`) as JSON, lines and refunds folded in. */
const SUB_ORDER_JSON = `json_build_object(
  'id', s.id, 'orderId', s.order_id, 'reference', o.reference, 'cooperativeId', s.cooperative_id,
  'cooperative', json_build_object('name', c.name, 'slug', c.slug),
  'status', s.status,
  'lines', (SELECT coalesce(json_agg(json_build_object(
              'id', l.id, 'variantId', l.variant_id, 'productId', l.product_id, 'sku', l.sku, 'title', l.title,
              'options', l.options, 'quantity', l.quantity, 'unitPrice', ${mad('l.unit_price_mad')},
              'total', ${mad('l.total_mad')},
              'refundedQuantity', (SELECT coalesce(sum(rp.quantity), 0) FROM refund_part rp JOIN refund r ON r.id = rp.refund_id
                                    WHERE rp.order_line_id = l.id AND ${NOT_FAILED}))
            ORDER BY l.position, l.id), '[]'::json) FROM order_line l WHERE l.sub_order_id = s.id),
  'shipping', json_build_object(
    'quoteId', s.quote_id, 'quoteOptionId', s.quote_option_id, 'carrier', s.carrier, 'service', s.service,
    'incoterm', s.incoterm, 'dutiesCollected', s.incoterm = 'DDP',
    'transitDays', json_build_object('min', s.transit_min, 'max', s.transit_max),
    'shipping', ${mad('s.shipping_mad')}, 'duties', ${mad('s.duties_mad')}, 'taxes', ${mad('s.taxes_mad')},
    'fees', ${mad('s.fees_mad')}, 'charge', ${mad('s.shipping_charge_mad')},
    'trackingCarrier', s.tracking_carrier, 'trackingNumber', s.tracking_number),
  'goods', ${mad('s.goods_mad')}, 'total', ${mad('s.total_mad')},
  'refunded', ${mad(`(SELECT coalesce(sum(rp.goods_mad + rp.shipping_mad), 0) FROM refund_part rp JOIN refund r ON r.id = rp.refund_id
                       WHERE rp.sub_order_id = s.id AND ${NOT_FAILED})`)},
  'commission', json_build_object('rateBp', s.commission_bp, 'amount', ${mad('s.commission_mad')}),
  'shipTo', CASE WHEN s.status <> 'pending_payment' THEN o.shipping_address || jsonb_build_object('name', o.buyer_name) END,
  'createdAt', ${iso('s.created_at')}, 'acceptedAt', ${iso('s.accepted_at')}, 'shippedAt', ${iso('s.shipped_at')},
  'deliveredAt', ${iso('s.delivered_at')}, 'cancelledAt', ${iso('s.cancelled_at')})`;

/** The whole order `o` as JSON: sub-orders, refunds and history in the same statement. */
const ORDER_JSON = `json_build_object(
  'id', o.id, 'reference', o.reference, 'status', o.status,
  'total', json_build_object('amount', o.total_amount, 'currency', trim(o.currency)),
  'totalMad', ${mad('o.total_mad')}, 'goods', ${mad('o.goods_mad')}, 'shipping', ${mad('o.shipping_mad')},
  'refunded', json_build_object('amount', (SELECT coalesce(sum(r.amount), 0) FROM refund r WHERE r.order_id = o.id AND ${NOT_FAILED}),
                                'currency', trim(o.currency)),
  'rate', json_build_object('currency', trim(o.currency), 'madPerUnit', o.rate_mad_per_unit::text,
                            'effectiveDate', to_char(o.rate_date, 'YYYY-MM-DD'), 'source', o.rate_source),
  'buyer', json_build_object('name', o.buyer_name, 'email', o.buyer_email),
  'shippingAddress', o.shipping_address,
  'subOrders', (SELECT coalesce(json_agg(${SUB_ORDER_JSON} ORDER BY c.name, s.id), '[]'::json)
                  FROM sub_order s JOIN cooperative c ON c.id = s.cooperative_id WHERE s.order_id = o.id),
  'payment', json_build_object('id', o.payment_id, 'provider', o.payment_provider),
  'refunds', (SELECT coalesce(json_agg(json_build_object(
                'id', r.id, 'subOrderId', r.sub_order_id, 'status', r.status, 'reason', r.reason,
                'amount', json_build_object('amount', r.amount, 'currency', trim(r.currency)),
                'amountMad', ${mad('r.amount_mad')}, 'createdAt', ${iso('r.created_at')}) ORDER BY r.created_at, r.id), '[]'::json)
                FROM refund r WHERE r.order_id = o.id),
  'history', (SELECT coalesce(json_agg(json_build_object(
                'subOrderId', e.sub_order_id, 'from', e.from_status, 'to', e.to_status, 'actor', e.actor_kind,
                'at', ${iso('e.created_at')}) ORDER BY e.id), '[]'::json)
                FROM order_event e WHERE e.order_id = o.id),
  'reservedUntil', ${iso('o.reserved_until')}, 'createdAt', ${iso('o.created_at')},
  'paidAt', ${iso('o.paid_at')}, 'cancelledAt', ${iso('o.cancelled_at')})`;

/** Who an order belongs to, for the access check made before it is shown. */
export interface OrderOwner {
  userId: string | null;
  buyerTokenHash: string | null;
}

export interface SubOrderListFilters {
  statuses?: readonly SubOrderStatus[];
  cursor?: string;
  limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The read side of orders: each answer is one SQL statement. */
@Injectable()
export class OrdersQuery {
  constructor(private readonly sql: Sql) {}

  async order(
    id: string,
    runner: SqlRunner = this.sql,
  ): Promise<(OrderView & { owner: OrderOwner }) | undefined> {
    const row = await runner.one<{
      view: OrderView;
      user_id: string | null;
      buyer_token_hash: string | null;
    }>(`SELECT ${ORDER_JSON} AS view, o.user_id, o.buyer_token_hash FROM customer_order o WHERE o.id = $1`, [
      id,
    ]);
    return row && { ...row.view, owner: { userId: row.user_id, buyerTokenHash: row.buyer_token_hash } };
  }

  async subOrder(id: string): Promise<SubOrderView | undefined> {
    const row = await this.sql.one<{ view: SubOrderView }>(
      `SELECT ${SUB_ORDER_JSON} AS view
         FROM sub_order s JOIN cooperative c ON c.id = s.cooperative_id JOIN customer_order o ON o.id = s.order_id
        WHERE s.id = $1`,
      [id],
    );
    return row?.view;
  }

  /** A cooperative's sub-orders, newest first, keyset-paginated on (created_at, id). */
  async forCooperative(cooperativeId: string, f: SubOrderListFilters): Promise<Page<SubOrderView>> {
    const params: unknown[] = [cooperativeId];
    const $ = (v: unknown) => `$${params.push(v)}`;
    const where = ['s.cooperative_id = $1'];
    if (f.statuses?.length) where.push(`s.status = ANY(${$(f.statuses)}::text[])`);
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, 2);
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id))
        throw Problem.field('cursor', 'is not a cursor this list gave out');
      where.push(`(s.created_at, s.id) < (${$(at)}::timestamptz, ${$(id)}::uuid)`);
    }
    const rows = await this.sql.rows<{ view: SubOrderView; at: string; id: string }>(
      `SELECT ${SUB_ORDER_JSON} AS view, to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, s.id
         FROM sub_order s JOIN cooperative c ON c.id = s.cooperative_id JOIN customer_order o ON o.id = s.order_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT ${$(f.limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      f.limit,
      (r) => [r.at, r.id],
      (r) => r.view,
    );
  }

  /** A signed-in buyer's orders, newest first. */
  async forBuyer(userId: string, limit: number, cursor?: string): Promise<Page<OrderView>> {
    const params: unknown[] = [userId];
    const $ = (v: unknown) => `$${params.push(v)}`;
    let after = '';
    if (cursor) {
      const [at, id] = decodeCursor(cursor, 2);
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id))
        throw Problem.field('cursor', 'is not a cursor this list gave out');
      after = `AND (o.created_at, o.id) < (${$(at)}::timestamptz, ${$(id)}::uuid)`;
    }
    const rows = await this.sql.rows<{ view: OrderView; at: string; id: string }>(
      `SELECT ${ORDER_JSON} AS view, to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, o.id
         FROM customer_order o WHERE o.user_id = $1 ${after}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ${$(limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.at, r.id],
      (r) => r.view,
    );
  }
}
