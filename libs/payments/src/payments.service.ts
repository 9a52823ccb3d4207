import { Inject, Injectable, Logger } from '@nestjs/common';
import { Problem, problemType, Sql, type SqlTransaction } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from './config/payments-settings';
import type { OpenPaymentInput, PaymentView, RefundInput, RefundResult } from './payment';
import { PAYMENT_COLUMNS, toPaymentView, toProviderPayment, type PaymentRow } from './payment-row';
import { isFinal } from './payment-states';
import { PaymentTransitions, type TransitionResult } from './payment-transitions';
import { GatewayError } from './providers/gateway-http';
import { PaymentProviders } from './providers/payment-providers';
import { RefundsService } from './refunds.service';

const REFERENCE = /^[A-Za-z0-9_.-]{1,40}$/;

/** A gateway that did not answer usefully: the client may try again (startSession is idempotent). */
export function providerUnavailable(provider: string, err: unknown): Problem {
  const detail = err instanceof GatewayError ? err.message : String(err);
  return new Problem({
    type: problemType('payment-provider-unavailable'),
    title: 'The payment provider did not answer',
    status: 502,
    detail: `${provider}: ${detail}`,
  });
}

/** Payments as the order side sees them: open in its checkout transaction, then start, look, refund. */
@Injectable()
export class PaymentsService {
  private readonly log = new Logger(PaymentsService.name);

  constructor(
    private readonly sql: Sql,
    private readonly providers: PaymentProviders,
    private readonly transitions: PaymentTransitions,
    private readonly refunds: RefundsService,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  /** Inside the checkout transaction: writes the payment row (pending); no network. */
  async open(tx: SqlTransaction, input: OpenPaymentInput): Promise<{ id: string }> {
    const provider = this.providers.require(input.provider);
    if (!provider.supports(input.amount.currency))
      throw Problem.field(
        'paymentProvider',
        `${input.provider} cannot take payments in ${input.amount.currency}` +
          (input.provider === 'cmi' ? ' (CMI charges in MAD only)' : ''),
      );
    if (!REFERENCE.test(input.reference))
      throw new RangeError(`payment reference must be 1 to 40 of A-Z a-z 0-9 _ . -: ${input.reference}`);
    if (!Number.isSafeInteger(input.amount.amount) || input.amount.amount <= 0)
      throw new RangeError(`payment amount must be a positive integer of minor units`);
    if (input.amountMad.currency !== 'MAD' || input.rate.currency !== input.amount.currency)
      throw new RangeError('amountMad must be in MAD and the rate must be that of the payment currency');
    const row = await tx.one<{ id: string }>(
      `INSERT INTO payment (order_id, reference, provider, amount, currency, amount_mad, rate_mad_per_unit,
                            rate_date, rate_source, buyer, return_url, shares, simulated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13)
       ON CONFLICT (provider, reference) DO NOTHING
       RETURNING id`,
      [
        input.orderId,
        input.reference,
        input.provider,
        input.amount.amount,
        input.amount.currency,
        input.amountMad.amount,
        input.rate.madPerUnit,
        input.rate.effectiveDate,
        input.rate.source,
        JSON.stringify(input.buyer),
        input.returnUrl ?? null,
        JSON.stringify(input.cooperatives),
        provider.simulated,
      ],
    );
    if (!row)
      throw Problem.conflict(`A ${input.provider} payment already exists for order ${input.reference}`);
    return row;
  }

  /** After commit: starts the provider's hosted checkout; a second call returns the stored session. */
  async startSession(paymentId: string): Promise<PaymentView> {
    const row = await this.load(paymentId);
    if (row.session || row.status !== 'pending') return toPaymentView(row);
    const provider = this.providers.require(row.provider, 'provider');
    let started;
    try {
      started = await provider.startCheckout(toProviderPayment(row, this.settings.publicUrl));
    } catch (err) {
      this.log.warn({ paymentId, err: (err as Error).message }, 'could not start the checkout');
      throw providerUnavailable(row.provider, err);
    }
    const updated = await this.sql.one<PaymentRow>(
      `UPDATE payment
          SET session = $2::jsonb, provider_ref = coalesce(provider_ref, $3), simulated = $4,
              status = CASE WHEN status = 'pending' THEN 'requires_action' ELSE status END, updated_at = now()
        WHERE id = $1 AND session IS NULL
        RETURNING ${PAYMENT_COLUMNS}`,
      [paymentId, JSON.stringify(started.session), started.providerRef ?? null, provider.simulated],
    );
    return toPaymentView(updated ?? (await this.load(paymentId)));
  }

  async view(paymentId: string): Promise<PaymentView> {
    return toPaymentView(await this.load(paymentId));
  }

  /** Refunds through the provider with an idempotent refund id (a retry never pays twice); records the refund. */
  refund(input: RefundInput): Promise<RefundResult> {
    return this.refunds.refund(input);
  }

  /**
   * Asks the provider where the payment stands and records it; an authorised payment is captured
   * (checkout is a purchase) unless it is being abandoned. Answers the payment as it now is.
   */
  async refresh(paymentId: string): Promise<PaymentView> {
    const row = await this.load(paymentId);
    if (isFinal(row.status) && row.outcome !== 'failed') return toPaymentView(row);
    const provider = this.providers.require(row.provider, 'provider');
    const payment = toProviderPayment(row, this.settings.publicUrl);
    let result: TransitionResult;
    try {
      result = await this.transitions.apply(row.id, await provider.retrieve(payment), { source: 'retrieve' });
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      this.log.warn({ paymentId, err: err.message }, 'could not retrieve the payment');
      await this.sql.rows(`UPDATE payment SET updated_at = now() WHERE id = $1`, [paymentId]);
      return toPaymentView(row);
    }
    await this.afterTransition(result);
    return result.status === 'authorized' || result.lateCapture ? this.view(paymentId) : result.view;
  }

  /** What follows a recorded change, outside its transaction: capture an authorisation, return a late capture. */
  async afterTransition(
    result: TransitionResult,
    opts: { capture: boolean } = { capture: true },
  ): Promise<void> {
    if (result.lateCapture) await this.refunds.returnLateCapture(result.view.id);
    if (opts.capture && result.status === 'authorized') await this.capture(result.view.id);
  }

  /** Captures an authorised payment in full; an unknown outcome is left for the next retrieve. */
  async capture(paymentId: string): Promise<void> {
    const row = await this.load(paymentId);
    if (row.status !== 'authorized') return;
    const provider = this.providers.require(row.provider, 'provider');
    const payment = toProviderPayment(row, this.settings.publicUrl);
    try {
      const state = await provider.capture(payment, payment.amount);
      await this.transitions.apply(row.id, state, { source: 'operation', detail: { operation: 'capture' } });
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      const state = err.outcomeUnknown ? 'unknown' : 'authorized';
      await this.transitions.apply(
        row.id,
        {
          status: state,
          captured: { ...payment.amount, amount: 0 },
          refunded: { ...payment.amount, amount: 0 },
          declined: err.message,
          detail: {},
        },
        { source: 'operation', detail: { operation: 'capture', error: err.message } },
      );
    }
  }

  /** Gives up on an unpaid payment: voided at the provider when it holds money, then failed for good. */
  async abandon(paymentId: string): Promise<PaymentView> {
    const row = await this.load(paymentId);
    if (isFinal(row.status)) return toPaymentView(row);
    const provider = this.providers.require(row.provider, 'provider');
    const payment = toProviderPayment(row, this.settings.publicUrl);
    const state = await provider.void(payment);
    // A payment that turned out paid stays paid; anything else ends here.
    const final =
      state.status === 'voided' || state.status === 'pending' || state.status === 'requires_action';
    const result = await this.transitions.apply(
      row.id,
      final
        ? {
            ...state,
            status: state.status === 'voided' && row.status === 'authorized' ? 'voided' : 'failed',
            declined: state.declined ?? 'abandoned: not paid in time',
          }
        : state,
      { source: 'retrieve', detail: { operation: 'abandon' } },
    );
    await this.afterTransition(result, { capture: false });
    return result.view;
  }

  async load(paymentId: string): Promise<PaymentRow> {
    const row = await this.sql.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1`, [
      paymentId,
    ]);
    if (!row) throw Problem.notFound('Payment', paymentId);
    return row;
  }
}
