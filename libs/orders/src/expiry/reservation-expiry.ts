import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PaymentsService } from '@souk/payments';
import { SOUK_CONFIG, type SoukConfig, Sql } from '@souk/platform';
import type { Job, Queue } from 'bullmq';
import { SYSTEM } from '../orders/states';
import { OrderSettlement } from '../settlement/order-settlement';

export const ORDERS_QUEUE = 'orders';
export const RELEASE_EXPIRED_RESERVATIONS = 'release-expired-reservations';
/** Orders handled per job; a larger backlog is left to the next sweep. */
const BATCH = 500;

/**
 * Unpaid orders whose reservation ran out: each is cancelled and its units go back on sale, one
 * transaction per order (so a capture arriving meanwhile is served before or after, never half).
 * Then, outside the transaction, its payment is abandoned at the provider (voided if it holds
 * money), so that a buyer paying after the expiry gets the money back as a late capture.
 */
@Processor(ORDERS_QUEUE)
export class ReservationExpiryProcessor extends WorkerHost {
  private readonly log = new Logger(ReservationExpiryProcessor.name);

  constructor(
    private readonly sql: Sql,
    private readonly settlement: OrderSettlement,
    private readonly payments: PaymentsService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ released: number; forgotten: number }> {
    if (job.name !== RELEASE_EXPIRED_RESERVATIONS) throw new Error(`unknown orders job ${job.name}`);
    const due = await this.sql.rows<{ id: string; payment_id: string | null }>(
      `SELECT id, payment_id FROM customer_order
        WHERE status = 'pending_payment' AND reserved_until <= now()
        ORDER BY reserved_until LIMIT ${BATCH}`,
    );
    let released = 0;
    for (const { id, payment_id } of due) {
      const done = await this.sql.transaction((tx) =>
        this.settlement.cancelUnpaid(tx, id, SYSTEM, 'reservation expired', { expiredOnly: true }),
      );
      if (!done) continue;
      released++;
      if (payment_id) {
        await this.payments.abandon(payment_id).catch((err: Error) => {
          // the payments lib's own abandonment job tries again later
          this.log.warn(
            { orderId: id, paymentId: payment_id, err: err.message },
            'could not abandon the payment',
          );
        });
      }
    }
    // Checkout answers are replayed for a day; past that a retry is a new checkout (its cart is closed).
    const forgotten = await this.sql.rows(
      `DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day' AND state = 'done' RETURNING key`,
    );
    if (released > 0) this.log.log({ released }, 'released expired reservations');
    return { released, forgotten: forgotten.length };
  }
}

/** The sweep's schedule; upserting keeps one schedule however many workers start. */
@Injectable()
export class ReservationExpirySchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(ORDERS_QUEUE) private readonly queue: Queue,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RELEASE_EXPIRED_RESERVATIONS,
      { every: this.config.ORDERS_EXPIRY_SWEEP_SECONDS * 1000 },
      { name: RELEASE_EXPIRED_RESERVATIONS },
    );
  }
}
