import { Injectable } from '@nestjs/common';
import { Outbox, type Principal, Problem, Sql, type SqlTransaction, TenancyService } from '@souk/platform';
import type { SubOrderView } from './order.view';
import { OrdersQuery } from './orders.query';
import { type Actor, actorOf, type OrderStatus, type SubOrderStatus } from './states';
import { moveOrder, moveSubOrder } from './transitions';

const WRITE = { scope: 'orders:write' } as const;

interface LockedSubOrder {
  id: string;
  orderId: string;
  cooperativeId: string;
  status: SubOrderStatus;
}

/** A cooperative works its part of an order: accept it, ship it with a tracking number, confirm delivery. */
@Injectable()
export class SubOrdersService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly outbox: Outbox,
    private readonly query: OrdersQuery,
  ) {}

  accept(principal: Principal, id: string): Promise<SubOrderView> {
    return this.transition(principal, id, async (tx, sub, actor) => {
      await moveSubOrder(tx, sub, 'accepted', actor);
      await this.outbox.add(tx, event('sub_order.accepted', sub));
    });
  }

  ship(
    principal: Principal,
    id: string,
    tracking: { carrier: string; trackingNumber: string },
  ): Promise<SubOrderView> {
    return this.transition(principal, id, async (tx, sub, actor) => {
      await moveSubOrder(tx, sub, 'shipped', actor, tracking, tracking);
      await this.outbox.add(tx, event('sub_order.shipped', sub, tracking));
    });
  }

  deliver(principal: Principal, id: string): Promise<SubOrderView> {
    return this.transition(principal, id, async (tx, sub, actor) => {
      await moveSubOrder(tx, sub, 'delivered', actor);
      await this.outbox.add(tx, event('sub_order.delivered', sub));
      await this.completeIfAllDelivered(tx, sub.orderId, actor);
    });
  }

  /** An order is completed once none of its parts is still on its way (and one at least arrived). */
  private async completeIfAllDelivered(tx: SqlTransaction, orderId: string, actor: Actor): Promise<void> {
    const state = await tx.one<{ status: OrderStatus; open: string; delivered: string }>(
      `SELECT o.status,
              count(*) FILTER (WHERE s.status NOT IN ('delivered', 'cancelled')) AS open,
              count(*) FILTER (WHERE s.status = 'delivered') AS delivered
         FROM customer_order o JOIN sub_order s ON s.order_id = o.id
        WHERE o.id = $1 GROUP BY o.status`,
      [orderId],
    );
    if (
      state &&
      Number(state.open) === 0 &&
      Number(state.delivered) > 0 &&
      (state.status === 'paid' || state.status === 'partially_refunded')
    ) {
      await moveOrder(tx, orderId, state.status, 'completed', actor);
      await this.outbox.add(tx, {
        type: 'order.completed',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: { orderId },
      });
    }
  }

  /**
   * Checks who acts (members of the sub-order's cooperative, admins, bound API keys with
   * orders:write), then locks the order and the sub-order, in that order, and applies `work`.
   */
  private async transition(
    principal: Principal,
    id: string,
    work: (tx: SqlTransaction, sub: LockedSubOrder, actor: Actor) => Promise<void>,
  ): Promise<SubOrderView> {
    const found = await this.sql.one<{ cooperative_id: string }>(
      `SELECT cooperative_id FROM sub_order WHERE id = $1`,
      [id],
    );
    if (!found || !(await this.tenancy.canManage(principal, found.cooperative_id, { scope: 'orders:read' })))
      throw Problem.notFound('Sub-order', id);
    await this.tenancy.assertCanManage(principal, found.cooperative_id, WRITE);
    await this.sql.transaction(async (tx) => {
      const sub = (await tx.one<LockedSubOrder>(
        `WITH o AS (SELECT o.id FROM customer_order o JOIN sub_order s ON s.order_id = o.id WHERE s.id = $1 FOR UPDATE OF o)
         SELECT s.id, s.order_id AS "orderId", s.cooperative_id AS "cooperativeId", s.status
           FROM sub_order s WHERE s.id = $1 AND s.order_id IN (SELECT id FROM o) FOR UPDATE OF s`,
        [id],
      ))!;
      await work(tx, sub, actorOf(principal));
    });
    return (await this.query.subOrder(id))!;
  }
}

function event(type: string, sub: LockedSubOrder, extra: Record<string, unknown> = {}) {
  return {
    type,
    aggregateType: 'sub_order',
    aggregateId: sub.id,
    payload: { subOrderId: sub.id, orderId: sub.orderId, cooperativeId: sub.cooperativeId, ...extra },
  };
}
