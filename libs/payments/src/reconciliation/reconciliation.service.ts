import { Inject, Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';
import { OPEN_STATUSES } from '../payment-states';
import { PaymentsService } from '../payments.service';
import { RefundsService } from '../refunds.service';

export interface ReconciliationSummary {
  retrieved: number;
  abandoned: number;
  refundsRetried: number;
  errors: number;
}

/** Webhooks are not guaranteed: every payment still open after a while is asked for, or given up. */
@Injectable()
export class ReconciliationService {
  private readonly log = new Logger(ReconciliationService.name);

  constructor(
    private readonly sql: Sql,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async run(limit = 200): Promise<ReconciliationSummary> {
    const summary: ReconciliationSummary = { retrieved: 0, abandoned: 0, refundsRetried: 0, errors: 0 };
    const open = await this.sql.rows<{ id: string; expired: boolean }>(
      `SELECT id, created_at < now() - make_interval(mins => $2) AS expired
         FROM payment
        WHERE status = ANY($1::text[]) AND updated_at <= now() - make_interval(secs => $3)
        ORDER BY updated_at LIMIT $4`,
      [OPEN_STATUSES, this.settings.abandonAfterMinutes, this.settings.reconcileAfterSeconds, limit],
    );
    for (const p of open) {
      try {
        if (p.expired) {
          await this.payments.abandon(p.id);
          summary.abandoned++;
        } else {
          await this.payments.refresh(p.id);
          summary.retrieved++;
        }
      } catch (err) {
        summary.errors++;
        this.log.warn({ paymentId: p.id, err: (err as Error).message }, 'could not reconcile a payment');
      }
    }
    for (const id of await this.refunds.pendingIds(Math.min(this.settings.reconcileAfterSeconds, 60))) {
      try {
        await this.refunds.send(id);
        summary.refundsRetried++;
      } catch (err) {
        summary.errors++;
        this.log.warn({ refund: id, err: (err as Error).message }, 'could not retry a refund');
      }
    }
    if (open.length > 0 || summary.refundsRetried > 0) this.log.log(summary, 'payments reconciled');
    return summary;
  }
}
