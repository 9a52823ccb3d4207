import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';
import { PayoutsService } from '../payouts/payouts.service';
import { ReconciliationService } from './reconciliation.service';

export const PAYMENTS_QUEUE = 'payments';
export const RECONCILE_PAYMENTS = 'reconcile-payments';
export const RUN_PAYOUTS = 'run-payouts';

/** The payments' background work: reconciling open payments and pending refunds, and paying out. */
@Processor(PAYMENTS_QUEUE)
export class PaymentsProcessor extends WorkerHost {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly payouts: PayoutsService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === RECONCILE_PAYMENTS) return this.reconciliation.run();
    if (job.name === RUN_PAYOUTS) return this.payouts.run();
    throw new Error(`unknown payments job ${job.name}`);
  }
}

/** One schedule per job however many workers start (upserted by key). */
@Injectable()
export class PaymentsSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(RECONCILE_PAYMENTS, { every: 60_000 }, { name: RECONCILE_PAYMENTS });
    await this.queue.upsertJobScheduler(
      RUN_PAYOUTS,
      { every: this.settings.payouts.everyHours * 3_600_000 },
      { name: RUN_PAYOUTS },
    );
  }
}
