import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Outbox, Sql, type SqlTransaction } from '@souk/platform';
import { PAYMENT_OUTCOME_HANDLER, type PaymentOutcomeHandler } from './outcome';
import type { PaymentStatus, PaymentView } from './payment';
import { PAYMENT_COLUMNS, toPaymentView, type PaymentRow } from './payment-row';
import { advance, isPaid, paidStatus, type TransitionSource } from './payment-states';
import type { ProviderState } from './providers/payment-provider';

export interface TransitionEvent {
  source: TransitionSource;
  /** Set for notifications: a second delivery with the same key changes nothing. */
  dedupKey?: string;
  detail?: Record<string, unknown>;
}

export interface TransitionResult {
  duplicate: boolean;
  before: PaymentStatus;
  status: PaymentStatus;
  view: PaymentView;
  /** Money was taken after the payment had failed for good: it must go back to the buyer. */
  lateCapture: boolean;
}

/**
 * The one place a payment's state changes: in one transaction, the notification's dedup key,
 * the forward-only move, the amounts, the event row, the outbox event and, once, the outcome handler.
 */
@Injectable()
export class PaymentTransitions {
  private readonly log = new Logger(PaymentTransitions.name);

  constructor(
    private readonly sql: Sql,
    private readonly outbox: Outbox,
    @Optional() @Inject(PAYMENT_OUTCOME_HANDLER) private readonly handler?: PaymentOutcomeHandler,
  ) {}

  apply(paymentId: string, state: ProviderState, ev: TransitionEvent): Promise<TransitionResult> {
    return this.sql.transaction((tx) => this.applyIn(tx, paymentId, state, ev));
  }

  async applyIn(
    tx: SqlTransaction,
    paymentId: string,
    state: ProviderState,
    ev: TransitionEvent,
  ): Promise<TransitionResult> {
    let eventId: string | undefined;
    if (ev.dedupKey) {
      const inserted = await tx.one<{ id: string }>(
        `INSERT INTO payment_event (payment_id, provider, dedup_key, source, detail)
         SELECT id, provider, $2, $3, $4::jsonb FROM payment WHERE id = $1
         ON CONFLICT (provider, dedup_key) DO NOTHING RETURNING id`,
        [paymentId, ev.dedupKey, ev.source, JSON.stringify(ev.detail ?? {})],
      );
      if (!inserted) {
        const row = (await tx.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1`, [
          paymentId,
        ]))!;
        const view = toPaymentView(row);
        return { duplicate: true, before: row.status, status: row.status, view, lateCapture: false };
      }
      eventId = inserted.id;
    }
    const row = (await tx.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1 FOR UPDATE`, [
      paymentId,
    ]))!;
    const sameCurrency = state.captured.currency === row.currency && state.refunded.currency === row.currency;
    if (!sameCurrency) this.log.warn({ paymentId, state }, 'provider reported amounts in another currency');
    // Money taken after a payment failed for good is only believed on a retrieve (CMI's approval
    // is not a capture until we answer POSTAUTH, which a failed payment does not get).
    const trusted = sameCurrency && !(row.outcome === 'failed' && ev.source === 'notification');
    const captured = Math.max(Number(row.captured_amount), trusted ? state.captured.amount : 0);
    const refunded = Math.max(Number(row.refunded_amount), trusted ? state.refunded.amount : 0);
    let status = advance(row.status, state.status, ev.source);
    if (isPaid(status)) status = advance(status, paidStatus(captured, refunded), ev.source);

    const updated = (await tx.one<PaymentRow>(
      `UPDATE payment SET status = $2, captured_amount = $3, refunded_amount = $4,
              provider_ref = coalesce(provider_ref, $5), last_error = coalesce($6, last_error), updated_at = now()
        WHERE id = $1 RETURNING ${PAYMENT_COLUMNS}`,
      [paymentId, status, captured, refunded, state.providerRef ?? null, state.declined ?? null],
    ))!;
    if (eventId) {
      await tx.rows(`UPDATE payment_event SET status_before = $2, status_after = $3 WHERE id = $1`, [
        eventId,
        row.status,
        status,
      ]);
    } else if (status !== row.status || refunded !== Number(row.refunded_amount)) {
      await tx.rows(
        `INSERT INTO payment_event (payment_id, provider, source, status_before, status_after, detail)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [
          paymentId,
          row.provider,
          ev.source,
          row.status,
          status,
          JSON.stringify({ ...state.detail, ...ev.detail }),
        ],
      );
    }
    const view = toPaymentView(updated);
    const lateCapture = await this.settle(tx, row, updated, view);
    return { duplicate: false, before: row.status, status, view, lateCapture };
  }

  /** The outcome handler runs once per payment; refunds and late captures are told through the outbox. */
  private async settle(
    tx: SqlTransaction,
    before: PaymentRow,
    after: PaymentRow,
    view: PaymentView,
  ): Promise<boolean> {
    const event = (type: string, payload: Record<string, unknown> = {}) =>
      this.outbox.add(tx, {
        type,
        aggregateType: 'payment',
        aggregateId: after.id,
        payload: {
          paymentId: after.id,
          orderId: after.order_id,
          provider: after.provider,
          status: after.status,
          ...payload,
        },
      });
    if (Number(after.refunded_amount) > Number(before.refunded_amount))
      await event('payment.refunded', {
        refunded: { amount: Number(after.refunded_amount), currency: after.currency },
      });
    if (before.outcome === null && isPaid(after.status)) {
      await tx.rows(`UPDATE payment SET outcome = 'captured' WHERE id = $1`, [after.id]);
      await event('payment.captured', { amount: view.amount, amountMad: view.amountMad });
      await this.handler?.captured(tx, view);
      return false;
    }
    if (before.outcome === null && (after.status === 'failed' || after.status === 'voided')) {
      await tx.rows(`UPDATE payment SET outcome = 'failed' WHERE id = $1`, [after.id]);
      await event('payment.failed', { reason: after.last_error });
      await this.handler?.failed(tx, view);
      return false;
    }
    const late =
      before.outcome === 'failed' && Number(after.captured_amount) > Number(before.captured_amount);
    if (late)
      await event('payment.late_capture', {
        captured: { amount: Number(after.captured_amount), currency: after.currency },
      });
    return late;
  }
}
