import type { SqlRunner } from '@souk/platform';
import {
  type Actor,
  canMoveOrder,
  canMoveSubOrder,
  illegalTransition,
  type OrderStatus,
  type SubOrderStatus,
} from './states';

const ORDER_STAMPS: Partial<Record<OrderStatus, string>> = {
  paid: ', paid_at = now(), reserved_until = NULL',
  cancelled: ', cancelled_at = now(), reserved_until = NULL',
};
const SUB_ORDER_STAMPS: Partial<Record<SubOrderStatus, string>> = {
  accepted: ', accepted_at = now()',
  shipped: ', shipped_at = now()',
  delivered: ', delivered_at = now()',
  cancelled: ', cancelled_at = now()',
};

async function record(
  tx: SqlRunner,
  orderId: string,
  subOrderId: string | null,
  from: string | null,
  to: string,
  actor: Actor,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.rows(
    `INSERT INTO order_event (order_id, sub_order_id, from_status, to_status, actor_kind, actor_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [orderId, subOrderId, from, to, actor.kind, actor.id, JSON.stringify(detail)],
  );
}

/**
 * Moves an order from `from` (read under the caller's row lock) to `to` and records who and when.
 * The UPDATE is guarded by the old status as well, so a concurrent move is refused, never overwritten.
 */
export async function moveOrder(
  tx: SqlRunner,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  actor: Actor,
  detail: Record<string, unknown> = {},
): Promise<void> {
  if (!canMoveOrder(from, to)) throw illegalTransition('order', orderId, from, to);
  const moved = await tx.rows(
    `UPDATE customer_order SET status = $3, updated_at = now()${ORDER_STAMPS[to] ?? ''}
      WHERE id = $1 AND status = $2 RETURNING id`,
    [orderId, from, to],
  );
  if (moved.length === 0) throw illegalTransition('order', orderId, from, to);
  await record(tx, orderId, null, from, to, actor, detail);
}

export interface SubOrderRef {
  id: string;
  orderId: string;
  status: SubOrderStatus;
}

/** The same for one sub-order; `tracking` is kept when it ships. */
export async function moveSubOrder(
  tx: SqlRunner,
  sub: SubOrderRef,
  to: SubOrderStatus,
  actor: Actor,
  detail: Record<string, unknown> = {},
  tracking?: { carrier: string; trackingNumber: string },
): Promise<void> {
  if (!canMoveSubOrder(sub.status, to)) throw illegalTransition('sub-order', sub.id, sub.status, to);
  const moved = await tx.rows(
    `UPDATE sub_order SET status = $3, updated_at = now()${SUB_ORDER_STAMPS[to] ?? ''}
            ${tracking ? ', tracking_carrier = $4, tracking_number = $5' : ''}
      WHERE id = $1 AND status = $2 RETURNING id`,
    tracking ? [sub.id, sub.status, to, tracking.carrier, tracking.trackingNumber] : [sub.id, sub.status, to],
  );
  if (moved.length === 0) throw illegalTransition('sub-order', sub.id, sub.status, to);
  await record(tx, sub.orderId, sub.id, sub.status, to, actor, detail);
}
