import { Injectable, Logger } from '@nestjs/common';
import { money, Outbox, type SqlTransaction } from '@souk/platform';
import { LedgerService } from '@souk/payments';
import { type Actor, type OrderStatus, type SubOrderStatus } from '../orders/states';
import { moveOrder, moveSubOrder } from '../orders/transitions';
import { commit, orderItems, orderProducts, release, stockChanged } from './stock';

interface LockedOrder {
  id: string;
  status: OrderStatus;
  reference: string;
  total_mad: string;
  payment_id: string | null;
  reserved_until: Date | null;
}

interface SubOrderFigures {
  id: string;
  cooperative_id: string;
  status: SubOrderStatus;
  total_mad: string;
  commission_mad: string;
}

/**
 * What happens to an order when its payment settles or its reservation runs out. Each runs inside
 * the caller's transaction (the payment's, or the expiry job's) and starts by locking the order
 * row, so a capture and an expiry racing for one order are served one after the other, and the
 * second finds the order already moved and does nothing.
 */
@Injectable()
export class OrderSettlement {
  private readonly log = new Logger(OrderSettlement.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * The payment was captured: the order and its sub-orders are paid, reserved units leave the
   * stock, and each cooperative's ledger gets its sale (goods + delivery charge) and the commission.
   */
  async paid(tx: SqlTransaction, orderId: string, payment: { id: string; amountMad: number }): Promise<void> {
    const actor: Actor = { kind: 'payment', id: payment.id };
    const order = await this.lock(tx, orderId);
    if (!order) {
      this.log.error({ orderId, paymentId: payment.id }, 'captured payment for an unknown order');
      return;
    }
    if (order.status !== 'pending_payment') {
      if (order.status === 'cancelled') await this.lateCapture(tx, order, payment.id);
      return; // already paid: a second report of the same capture changes nothing
    }
    if (payment.amountMad !== Number(order.total_mad)) {
      this.log.warn(
        { orderId, paymentId: payment.id, amountMad: payment.amountMad },
        'captured amount differs',
      );
    }
    await commit(tx, await orderItems(tx, orderId));
    await moveOrder(tx, orderId, 'pending_payment', 'paid', actor);
    const subs = await this.subOrders(tx, orderId);
    for (const sub of subs) {
      await moveSubOrder(tx, { id: sub.id, orderId, status: sub.status }, 'paid', actor);
    }
    await this.ledger.record(
      tx,
      subs.flatMap((s) => [
        {
          cooperativeId: s.cooperative_id,
          kind: 'sale' as const,
          amount: money(Number(s.total_mad), 'MAD'),
          orderId,
          subOrderId: s.id,
          paymentId: payment.id,
          memo: `Order ${order.reference}: goods and delivery`,
        },
        ...(Number(s.commission_mad) > 0
          ? [
              {
                cooperativeId: s.cooperative_id,
                kind: 'commission' as const,
                amount: money(-Number(s.commission_mad), 'MAD'),
                orderId,
                subOrderId: s.id,
                paymentId: payment.id,
                memo: `Order ${order.reference}: marketplace commission`,
              },
            ]
          : []),
      ]),
    );
    await this.outbox.add(
      tx,
      {
        type: 'order.paid',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: {
          orderId,
          reference: order.reference,
          paymentId: payment.id,
          totalMad: Number(order.total_mad),
        },
      },
      ...subs.map((s) => ({
        type: 'sub_order.paid',
        aggregateType: 'sub_order',
        aggregateId: s.id,
        payload: { subOrderId: s.id, orderId, cooperativeId: s.cooperative_id },
      })),
    );
  }

  /**
   * The order will not be paid (payment failed, or the reservation ran out): its reserved units go
   * back on sale, it and its sub-orders are cancelled, and its cart opens again for another try.
   * With `expiredOnly`, an order whose reservation is still running is left alone.
   */
  async cancelUnpaid(
    tx: SqlTransaction,
    orderId: string,
    actor: Actor,
    reason: string,
    opts: { expiredOnly?: boolean } = {},
  ): Promise<boolean> {
    const order = await this.lock(tx, orderId);
    if (!order || order.status !== 'pending_payment') return false;
    if (opts.expiredOnly && (!order.reserved_until || order.reserved_until.getTime() > Date.now()))
      return false;
    await release(tx, await orderItems(tx, orderId));
    await moveOrder(tx, orderId, 'pending_payment', 'cancelled', actor, { reason });
    for (const sub of await this.subOrders(tx, orderId)) {
      await moveSubOrder(tx, { id: sub.id, orderId, status: sub.status }, 'cancelled', actor, { reason });
    }
    await tx.rows(`UPDATE cart SET order_id = NULL, updated_at = now() WHERE order_id = $1`, [orderId]);
    await this.outbox.add(
      tx,
      {
        type: 'order.cancelled',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: { orderId, reference: order.reference, reason },
      },
      ...stockChanged(await orderProducts(tx, orderId)),
    );
    return true;
  }

  /**
   * Money arrived for an order already cancelled (paid after its reservation ran out). The stock may
   * be sold to someone else by now, so nothing is revived: the fact is recorded and announced, and an
   * admin refunds it (POST /v1/orders/:id/refunds accepts a cancelled order with a captured payment).
   */
  private async lateCapture(tx: SqlTransaction, order: LockedOrder, paymentId: string): Promise<void> {
    await tx.rows(
      `INSERT INTO order_event (order_id, from_status, to_status, actor_kind, actor_id, detail)
       VALUES ($1, 'cancelled', 'cancelled', 'payment', $2, '{"captureAfterCancellation": true}')`,
      [order.id, paymentId],
    );
    await this.outbox.add(tx, {
      type: 'order.captured_after_cancellation',
      aggregateType: 'order',
      aggregateId: order.id,
      payload: { orderId: order.id, reference: order.reference, paymentId },
    });
    this.log.warn({ orderId: order.id, paymentId }, 'payment captured for a cancelled order: refund it');
  }

  private lock(tx: SqlTransaction, orderId: string): Promise<LockedOrder | undefined> {
    return tx.one<LockedOrder>(
      `SELECT id, status, reference, total_mad, payment_id, reserved_until FROM customer_order WHERE id = $1 FOR UPDATE`,
      [orderId],
    );
  }

  private subOrders(tx: SqlTransaction, orderId: string): Promise<SubOrderFigures[]> {
    return tx.rows<SubOrderFigures>(
      `SELECT id, cooperative_id, status, total_mad, commission_mad FROM sub_order WHERE order_id = $1 ORDER BY id FOR UPDATE`,
      [orderId],
    );
  }
}
