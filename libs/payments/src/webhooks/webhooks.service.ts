import { Inject, Injectable, Logger } from '@nestjs/common';
import { Problem, Sql } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';
import { PAYMENT_COLUMNS, toProviderPayment, type PaymentRow } from '../payment-row';
import { PaymentTransitions } from '../payment-transitions';
import { PaymentsService } from '../payments.service';
import { GatewayError } from '../providers/gateway-http';
import {
  WebhookRejected,
  type PaymentProvider,
  type WebhookAnswer,
  type WebhookNotice,
  type WebhookOutcome,
} from '../providers/payment-provider';
import { PaymentProviders } from '../providers/payment-providers';

/**
 * Notifications from the gateways: verified first (a forgery is a 401), then recorded under their
 * dedup key in the same transaction as the state change, so a replay or a late, out-of-order
 * delivery changes nothing. Where the notification proves nothing by itself, the payment is retrieved.
 */
@Injectable()
export class WebhooksService {
  private readonly log = new Logger(WebhooksService.name);

  constructor(
    private readonly sql: Sql,
    private readonly providers: PaymentProviders,
    private readonly transitions: PaymentTransitions,
    private readonly payments: PaymentsService,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async receive(
    code: string,
    rawBody: Buffer | undefined,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<WebhookAnswer> {
    const provider = this.providers.get(code);
    if (!provider) throw Problem.notFound('Payment provider', code);
    if (!rawBody || rawBody.length === 0) throw Problem.field('body', 'must not be empty');
    let notice: WebhookNotice;
    try {
      notice = provider.parseWebhook({ rawBody, headers });
    } catch (err) {
      if (!(err instanceof WebhookRejected)) throw err;
      this.log.warn({ provider: code, reason: err.message }, 'refused a webhook');
      throw Problem.unauthorized(`The ${code} notification could not be verified: ${err.message}`);
    }
    return provider.answerWebhook(await this.handle(provider, notice));
  }

  private async handle(provider: PaymentProvider, notice: WebhookNotice): Promise<WebhookOutcome> {
    const payment = await this.find(provider, notice);
    if (!payment) return { kind: 'ignored', notice, reason: 'no such payment' };
    if (
      notice.amount &&
      (notice.amount.amount !== Number(payment.amount) || notice.amount.currency !== payment.currency)
    ) {
      this.log.warn(
        { paymentId: payment.id, notice: notice.detail },
        'notification amount differs from the payment',
      );
      return { kind: 'ignored', notice, reason: 'amount differs' };
    }
    let state = notice.state;
    try {
      // An unknown payment is only resolved by asking; unsigned facts are always checked.
      if (!state || payment.status === 'unknown')
        state = await provider.retrieve(toProviderPayment(payment, this.settings.publicUrl));
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      this.log.warn({ paymentId: payment.id, err: err.message }, 'could not confirm a notification');
      return { kind: 'error', reason: err.message };
    }
    const result = await this.transitions.apply(payment.id, state, {
      source: notice.state && payment.status !== 'unknown' ? 'notification' : 'retrieve',
      dedupKey: notice.dedupKey,
      detail: notice.detail,
    });
    if (result.duplicate) return { kind: 'duplicate', status: result.status, notice };
    await this.payments
      .afterTransition(result)
      .catch((err: Error) =>
        this.log.error({ paymentId: payment.id, err: err.message }, 'after a notification'),
      );
    return { kind: 'processed', status: result.status, notice };
  }

  private async find(provider: PaymentProvider, notice: WebhookNotice): Promise<PaymentRow | undefined> {
    if (notice.reference) {
      const row = await this.sql.one<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE provider = $1 AND reference = $2`,
        [provider.code, notice.reference],
      );
      if (row) return row;
    }
    if (notice.providerRef)
      return this.sql.one<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE provider = $1 AND provider_ref = $2`,
        [provider.code, notice.providerRef],
      );
    return undefined;
  }
}
