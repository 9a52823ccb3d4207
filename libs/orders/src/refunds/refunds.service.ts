import { Injectable, Logger } from '@nestjs/common';
import { type Principal, Problem, problemType, Sql, type SqlRunner, TenancyService } from '@souk/platform';
import { PaymentsService } from '@souk/payments';
import { type Actor, actorOf, type OrderStatus, SYSTEM } from '../orders/states';
import { RefundCompletion } from './refund-completion';
import { lockOrderFigures, rateOf } from './refund-order';
import { canonicalJson, sha256 } from '../shared/secrets';
import type { CreateRefundDto } from './dto/refund.dto';
import { paymentAmount, planRefund, refundable } from './refund-plan';
import { RefundsQuery } from './refunds.query';
import type { RefundView } from './refund.view';

const REFUNDABLE: readonly OrderStatus[] = ['paid', 'partially_refunded', 'completed'];

/**
 * Refunds: the whole order, a whole sub-order, or chosen lines of one. The refund row is written
 * first (its id is the idempotency key the provider sees), the provider is called outside any
 * transaction, and only a refund the provider confirmed moves the ledger and the order.
 * A retry (same Idempotency-Key, or the same request while one is pending) reuses the row, so a
 * refund whose answer was lost to a timeout is never paid twice.
 */
@Injectable()
export class RefundsService {
  private readonly log = new Logger(RefundsService.name);

  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly payments: PaymentsService,
    private readonly completion: RefundCompletion,
    private readonly query: RefundsQuery,
  ) {}

  async refund(
    principal: Principal,
    orderId: string,
    dto: CreateRefundDto,
    key: string | undefined,
  ): Promise<{ status: number; body: RefundView }> {
    await this.authorize(principal, orderId, dto);
    return this.create(actorOf(principal), orderId, dto, key);
  }

  /**
   * A payment captured after its order was cancelled (paid once the reservation had run out) goes
   * back whole, by the system; the same key on every delivery of the event, so it is paid once.
   */
  async refundCaptureAfterCancellation(orderId: string): Promise<{ status: number; body: RefundView }> {
    return this.create(
      SYSTEM,
      orderId,
      { reason: 'paid after the order was cancelled' },
      'capture-after-cancellation',
    );
  }

  private async create(
    actor: Actor,
    orderId: string,
    dto: CreateRefundDto,
    key: string | undefined,
  ): Promise<{ status: number; body: RefundView }> {
    const requestHash = sha256(canonicalJson(dto));
    const refundId = await this.sql.transaction(async (tx) => {
      const order = await lockOrderFigures(tx, orderId);
      const existing = await this.existing(tx, orderId, key, requestHash);
      if (existing) return existing;
      if (!REFUNDABLE.includes(order.status) && !(order.status === 'cancelled' && order.late_capture))
        throw Problem.conflict(`Order ${orderId} is ${order.status}: only paid orders can be refunded`);
      if (order.status === 'cancelled' && dto.subOrderId)
        throw Problem.field(
          'subOrderId',
          'cannot be given: a payment that came after cancellation is refunded whole',
        );
      if (!order.payment_id) throw Problem.conflict(`Order ${orderId} has no payment to refund`);
      const parts = planRefund(await refundable(tx, orderId), dto);
      const amountMad = parts.reduce((n, p) => n + p.goodsMad + p.shippingMad, 0);
      const amount = paymentAmount(amountMad, {
        totalMad: Number(order.total_mad),
        totalAmount: Number(order.total_amount),
        refundedMad: Number(order.refunded_mad),
        refundedAmount: Number(order.refunded_amount),
        rate: rateOf(order),
      });
      if (amount.amount <= 0) throw Problem.conflict('Nothing is left of the payment to refund');
      const row = (await tx.one<{ id: string }>(
        `INSERT INTO refund (order_id, sub_order_id, status, amount_mad, currency, amount, reason, idempotency_key,
                             request_hash, actor_kind, actor_id)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          orderId,
          dto.subOrderId ?? null,
          amountMad,
          amount.currency,
          amount.amount,
          dto.reason,
          key ?? null,
          requestHash,
          actor.kind,
          actor.id,
        ],
      ))!;
      await tx.rows(
        `INSERT INTO refund_part (refund_id, sub_order_id, order_line_id, quantity, goods_mad, shipping_mad, commission_mad)
         SELECT $1, p.sub_order_id, p.order_line_id, p.quantity, p.goods_mad, p.shipping_mad, p.commission_mad
           FROM jsonb_to_recordset($2::jsonb) AS p(sub_order_id uuid, order_line_id uuid, quantity int, goods_mad bigint,
                                                  shipping_mad bigint, commission_mad bigint)`,
        [
          row.id,
          JSON.stringify(
            parts.flatMap((p) => [
              ...p.lines.map((l) => ({
                sub_order_id: p.subOrderId,
                order_line_id: l.lineId,
                quantity: l.quantity,
                goods_mad: l.goodsMad,
                shipping_mad: 0,
                commission_mad: 0,
              })),
              {
                sub_order_id: p.subOrderId,
                order_line_id: null,
                quantity: 0,
                goods_mad: 0,
                shipping_mad: p.shippingMad,
                commission_mad: p.commissionMad,
              },
            ]),
          ),
        ],
      );
      return row.id;
    });
    return this.send(refundId, actor);
  }

  /** Calls the provider for a pending refund (again, on a retry) and records what it said. */
  private async send(refundId: string, actor: Actor): Promise<{ status: number; body: RefundView }> {
    const refund = (await this.query.refund(refundId))!;
    if (refund.status === 'succeeded') return { status: 201, body: refund };
    if (refund.status === 'failed') throw refundFailed(refund);
    const paymentId = (await this.sql.one<{ payment_id: string }>(
      `SELECT payment_id FROM customer_order WHERE id = $1`,
      [refund.orderId],
    ))!.payment_id;
    let result;
    try {
      result = await this.payments.refund({
        paymentId,
        refundId,
        amount: refund.amount,
        reason: refund.reason,
      });
    } catch (err) {
      if (err instanceof Problem && err.body.status < 500) {
        // refused outright (nothing left to refund at the provider…): the refund ends here
        await this.sql.transaction((tx) =>
          this.completion.fail(tx, refundId, err.body.detail ?? err.body.title),
        );
        throw err;
      }
      this.log.warn({ refundId, err }, 'refund not confirmed by the provider');
      throw new Problem({
        type: problemType('refund-pending'),
        title: 'The payment provider did not confirm the refund',
        status: 502,
        detail: `Refund ${refundId} is recorded but unconfirmed; send the same request again (same Idempotency-Key) to finish it: it will not pay twice`,
        refundId,
      });
    }
    if (result.status === 'pending') return { status: 202, body: refund };
    await this.sql.transaction((tx) =>
      result.status === 'succeeded'
        ? this.completion.complete(tx, refundId, actor)
        : this.completion.fail(tx, refundId),
    );
    const done = (await this.query.refund(refundId))!;
    if (done.status === 'failed') throw refundFailed(done);
    return { status: 201, body: done };
  }

  /** The same refund asked again: by key, or (without a key) the one still pending on this order. */
  private async existing(
    tx: SqlRunner,
    orderId: string,
    key: string | undefined,
    requestHash: string,
  ): Promise<string | undefined> {
    const row = await tx.one<{ id: string; request_hash: string }>(
      key
        ? `SELECT id, request_hash FROM refund WHERE order_id = $1 AND idempotency_key = $2`
        : `SELECT id, request_hash FROM refund WHERE order_id = $1 AND status = 'pending' ORDER BY created_at LIMIT 1`,
      key ? [orderId, key] : [orderId],
    );
    if (!row) return undefined;
    if (row.request_hash === requestHash) return row.id;
    if (key)
      throw new Problem({
        type: problemType('idempotency-key-reused'),
        title: 'Idempotency-Key reused',
        status: 422,
        detail: 'This Idempotency-Key was used for another refund on this order',
        errors: [{ field: 'Idempotency-Key', message: 'was already used with another request body' }],
      });
    throw Problem.conflict(
      `Refund ${row.id} on this order is still unconfirmed; send it again to finish it first`,
      {
        refundId: row.id,
      },
    );
  }

  /** Admins refund anything; a cooperative only its own sub-order (a whole order only if it is all theirs). */
  private async authorize(principal: Principal, orderId: string, dto: CreateRefundDto): Promise<void> {
    const coops = await this.sql.rows<{ id: string; cooperative_id: string }>(
      `SELECT id, cooperative_id FROM sub_order WHERE order_id = $1`,
      [orderId],
    );
    const write = { scope: 'orders:write' } as const;
    const readable = await Promise.all(
      coops.map((c) => this.tenancy.canManage(principal, c.cooperative_id, write)),
    );
    if (coops.length === 0 || !readable.some(Boolean)) throw Problem.notFound('Order', orderId);
    const concerned = dto.subOrderId ? coops.filter((c) => c.id === dto.subOrderId!.toLowerCase()) : coops;
    if (concerned.length === 0) throw Problem.field('subOrderId', 'is not a sub-order of this order');
    const allowed = await Promise.all(
      concerned.map((c) => this.tenancy.canManage(principal, c.cooperative_id, write)),
    );
    if (!allowed.every(Boolean))
      throw Problem.forbidden('Only an admin, or the cooperative whose sub-order it is, can refund this');
  }
}

function refundFailed(refund: RefundView): Problem {
  return new Problem({
    type: problemType('refund-failed'),
    title: 'The payment provider declined the refund',
    status: 502,
    detail: `Refund ${refund.id} was declined by the payment provider: ${refund.failure ?? 'no reason given'}`,
    refundId: refund.id,
  });
}
