import { Injectable } from '@nestjs/common';
import { money, Outbox, type SqlRunner, type SqlTransaction } from '@souk/platform';
import { LedgerService } from '@souk/payments';
import type { Actor } from '../orders/states';
import { moveOrder, moveSubOrder } from '../orders/transitions';
import { lockOrderFigures } from './refund-order';

/** What follows the provider's answer to a refund, in one transaction each. */
@Injectable()
export class RefundCompletion {
  constructor(
    private readonly outbox: Outbox,
    private readonly ledger: LedgerService,
  ) {}

  /** The provider paid it back: ledger entries per cooperative, the sub-orders and the order move on. */
  async complete(tx: SqlTransaction, refundId: string, actor: Actor): Promise<void> {
    const refund = await tx.one<{ order_id: string; status: string }>(
      `SELECT order_id, status FROM refund WHERE id = $1`,
      [refundId],
    );
    const order = await lockOrderFigures(tx, refund!.order_id);
    const still = await tx.one<{ status: string }>(`SELECT status FROM refund WHERE id = $1 FOR UPDATE`, [
      refundId,
    ]);
    if (still!.status !== 'pending') return; // a concurrent retry finished it
    await tx.rows(`UPDATE refund SET status = 'succeeded', completed_at = now() WHERE id = $1`, [refundId]);
    const parts = await tx.rows<{
      sub_order_id: string;
      cooperative_id: string;
      status: string;
      goods: string;
      shipping: string;
      commission: string;
      closes: boolean;
    }>(
      `SELECT s.id AS sub_order_id, s.cooperative_id, s.status,
              sum(rp.goods_mad) AS goods, sum(rp.shipping_mad) AS shipping, sum(rp.commission_mad) AS commission,
              NOT EXISTS (SELECT 1 FROM order_line l WHERE l.sub_order_id = s.id AND l.quantity >
                (SELECT coalesce(sum(x.quantity), 0) FROM refund_part x JOIN refund r ON r.id = x.refund_id
                  WHERE x.order_line_id = l.id AND r.status = 'succeeded')) AS closes
         FROM refund_part rp JOIN sub_order s ON s.id = rp.sub_order_id
        WHERE rp.refund_id = $1 GROUP BY s.id ORDER BY s.id`,
      [refundId],
    );
    if (order.status !== 'cancelled') {
      // A capture that came after cancellation never entered the ledger, so its refund does not either.
      await this.ledger.record(
        tx,
        parts.flatMap((p) => [
          {
            cooperativeId: p.cooperative_id,
            kind: 'refund' as const,
            amount: money(-(Number(p.goods) + Number(p.shipping)), 'MAD'),
            orderId: order.id,
            subOrderId: p.sub_order_id,
            refundId,
            memo: `Refund on order ${order.reference}`,
          },
          ...(Number(p.commission) > 0
            ? [
                {
                  cooperativeId: p.cooperative_id,
                  kind: 'commission_refund' as const,
                  amount: money(Number(p.commission), 'MAD'),
                  orderId: order.id,
                  subOrderId: p.sub_order_id,
                  refundId,
                  memo: `Commission given back on order ${order.reference}`,
                },
              ]
            : []),
        ]),
      );
      for (const p of parts) {
        if (p.closes && (p.status === 'paid' || p.status === 'accepted'))
          await moveSubOrder(
            tx,
            { id: p.sub_order_id, orderId: order.id, status: p.status },
            'cancelled',
            actor,
            { refundId },
          );
      }
      const done = (await tx.one<{ refunded: string }>(
        `SELECT coalesce(sum(amount_mad), 0) AS refunded FROM refund WHERE order_id = $1 AND status = 'succeeded'`,
        [order.id],
      ))!;
      const whole = Number(done.refunded) >= Number(order.total_mad);
      await moveOrder(tx, order.id, order.status, whole ? 'refunded' : 'partially_refunded', actor, {
        refundId,
      });
    }
    await this.outbox.add(tx, {
      type: 'order.refunded',
      aggregateType: 'order',
      aggregateId: order.id,
      payload: { orderId: order.id, refundId, subOrderIds: parts.map((p) => p.sub_order_id) },
    });
  }

  async fail(tx: SqlRunner, refundId: string, why = 'declined by the payment provider'): Promise<void> {
    await tx.rows(
      `UPDATE refund SET status = 'failed', completed_at = now(), failure = $2 WHERE id = $1 AND status = 'pending'`,
      [refundId, why],
    );
  }
}
