import { Inject, Injectable, Logger } from '@nestjs/common';
import { Problem, Sql } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from './config/payments-settings';
import type { RefundInput, RefundResult } from './payment';
import { PAYMENT_COLUMNS, toProviderPayment, type PaymentRow } from './payment-row';
import { paidStatus } from './payment-states';
import { PaymentTransitions } from './payment-transitions';
import { GatewayError } from './providers/gateway-http';
import { PaymentProviders } from './providers/payment-providers';
import type { ProviderRefundResult } from './providers/payment-provider';

interface RefundRow {
  id: string;
  payment_id: string;
  refund_id: string;
  amount: string;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  refunded_before: string | null;
  provider_ref: string | null;
}

const toResult = (r: RefundRow): RefundResult => ({
  id: r.id,
  status: r.status,
  amount: { amount: Number(r.amount), currency: r.currency },
});

/** Our id for a refund at the provider: the same on every retry, at most 40 characters (MPGS). */
export const refundKey = (refundRowId: string) => `refund-${refundRowId.replace(/-/g, '')}`;

/**
 * Refunds: recorded first (one row per caller's refund id), then sent with an id the provider
 * keys on, so a retry after a lost answer finds the first refund instead of paying twice.
 */
@Injectable()
export class RefundsService {
  private readonly log = new Logger(RefundsService.name);

  constructor(
    private readonly sql: Sql,
    private readonly providers: PaymentProviders,
    private readonly transitions: PaymentTransitions,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async refund(input: RefundInput): Promise<RefundResult> {
    if (!input.refundId || input.refundId.length > 64)
      throw Problem.field('refundId', 'must be 1 to 64 characters');
    if (!Number.isSafeInteger(input.amount.amount) || input.amount.amount <= 0)
      throw Problem.field('amount.amount', 'must be a positive integer (minor units)');
    const rowId = await this.sql.transaction(async (tx) => {
      const payment = await tx.one<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1 FOR UPDATE`,
        [input.paymentId],
      );
      if (!payment) throw Problem.notFound('Payment', input.paymentId);
      const existing = await tx.one<RefundRow>(
        `SELECT id, amount, currency::text AS currency FROM payment_refund WHERE payment_id = $1 AND refund_id = $2`,
        [input.paymentId, input.refundId],
      );
      if (existing) {
        if (Number(existing.amount) !== input.amount.amount || existing.currency !== input.amount.currency)
          throw Problem.conflict(`Refund ${input.refundId} was already asked for with another amount`);
        return existing.id;
      }
      if (input.amount.currency !== payment.currency)
        throw Problem.field('amount.currency', `must be ${payment.currency}, the currency the buyer paid in`);
      const committed = await tx.one<{ total: string; pending: number }>(
        `SELECT coalesce(sum(amount) FILTER (WHERE status IN ('pending', 'succeeded')), 0) AS total,
                count(*) FILTER (WHERE status = 'pending')::int AS pending
           FROM payment_refund WHERE payment_id = $1`,
        [input.paymentId],
      );
      const captured = Number(payment.captured_amount);
      if (captured === 0)
        throw Problem.conflict('This payment has not been captured: there is nothing to refund');
      const refundable = captured - Math.max(Number(committed!.total), Number(payment.refunded_amount));
      if (input.amount.amount > refundable)
        throw Problem.field(
          'amount.amount',
          `exceeds what can still be refunded (${Math.max(refundable, 0)} minor units)`,
        );
      if (committed!.pending > 0 && this.providers.require(payment.provider, 'provider').serialRefunds)
        throw Problem.conflict(
          'Another refund of this payment is still pending at the provider; retry once it has settled',
        );
      const row = await tx.one<{ id: string }>(
        `INSERT INTO payment_refund (payment_id, refund_id, amount, currency, reason, refunded_before)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.paymentId,
          input.refundId,
          input.amount.amount,
          input.amount.currency,
          input.reason,
          payment.refunded_amount,
        ],
      );
      return row!.id;
    });
    return this.send(rowId);
  }

  /** Sends (or sends again) a pending refund; an unanswered call leaves it pending for the next retry. */
  async send(refundRowId: string): Promise<RefundResult> {
    const row = (await this.sql.one<RefundRow>(
      `SELECT id, payment_id, refund_id, amount, currency::text AS currency, status, refunded_before, provider_ref
         FROM payment_refund WHERE id = $1`,
      [refundRowId],
    ))!;
    if (row.status !== 'pending') return toResult(row);
    const payment = (await this.sql.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1`, [
      row.payment_id,
    ]))!;
    const provider = this.providers.require(payment.provider, 'provider');
    const amount = { amount: Number(row.amount), currency: row.currency };
    let result: ProviderRefundResult;
    try {
      result = await provider.refund(toProviderPayment(payment, this.settings.publicUrl), {
        key: refundKey(row.id),
        amount,
        refundedBefore: { amount: Number(row.refunded_before ?? 0), currency: row.currency },
      });
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      this.log.warn({ refund: row.id, err: err.message }, 'refund not confirmed; it stays pending');
      result = { status: 'pending', error: err.message };
    }
    return this.sql.transaction(async (tx) => {
      const moved = await tx.one<RefundRow>(
        `UPDATE payment_refund
            SET status = $2, provider_ref = coalesce($3, provider_ref), last_error = $4,
                attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND status = 'pending'
          RETURNING id, payment_id, refund_id, amount, currency::text AS currency, status, refunded_before, provider_ref`,
        [row.id, result.status, result.providerRef ?? null, result.error ?? null],
      );
      if (!moved) {
        // Another attempt settled it meanwhile: its answer stands.
        return toResult(
          (await tx.one<RefundRow>(
            `SELECT id, amount, currency::text AS currency, status FROM payment_refund WHERE id = $1`,
            [row.id],
          ))!,
        );
      }
      if (moved.status === 'succeeded') {
        const total = await tx.one<{ refunded: string }>(
          `SELECT coalesce(sum(amount), 0) AS refunded FROM payment_refund WHERE payment_id = $1 AND status = 'succeeded'`,
          [payment.id],
        );
        const captured = Number(payment.captured_amount);
        const refunded = Number(total!.refunded);
        await this.transitions.applyIn(
          tx,
          payment.id,
          {
            status: paidStatus(captured, refunded),
            captured: { amount: captured, currency: payment.currency },
            refunded: { amount: refunded, currency: payment.currency },
            detail: { refund: moved.refund_id },
          },
          { source: 'operation', detail: { operation: 'refund', refundId: moved.refund_id } },
        );
      }
      return toResult(moved);
    });
  }

  /** Money captured after the payment had failed for good goes straight back to the buyer. */
  async returnLateCapture(paymentId: string): Promise<void> {
    const p = (await this.sql.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1`, [
      paymentId,
    ]))!;
    const amount = Number(p.captured_amount) - Number(p.refunded_amount);
    if (amount <= 0) return;
    try {
      await this.refund({
        paymentId,
        refundId: `late-capture-${p.captured_amount}`,
        amount: { amount, currency: p.currency },
        reason: 'paid after the payment had failed for good',
      });
    } catch (err) {
      this.log.error({ paymentId, err: (err as Error).message }, 'could not return a late capture');
    }
  }

  /** Pending refunds not touched for a while, for the reconciliation job. */
  async pendingIds(olderThanSeconds: number, limit = 100): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT id FROM payment_refund WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((r) => r.id);
  }
}
