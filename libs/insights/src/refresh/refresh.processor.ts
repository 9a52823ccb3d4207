import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import type { Job, Queue } from 'bullmq';
import { InsightsRefresher, type RefreshOutcome } from './insights-refresher';

export const INSIGHTS_QUEUE = 'insights';
/** The schedule's job: the safety net that also catches what no event announces. */
export const SCHEDULED_REFRESH = 'scheduled-refresh';
/** Jobs queued after sales or reviews changed (see SalesChangedSubscriber). */
export const SALES_REFRESH = 'sales-refresh';

/** One refresh at a time per worker; each is one statement, so retries are harmless. */
@Processor(INSIGHTS_QUEUE, { concurrency: 1 })
export class InsightsRefreshProcessor extends WorkerHost {
  constructor(private readonly refresher: InsightsRefresher) {
    super();
  }

  async process(job: Job): Promise<{ durationMs: number; refreshedAt: string }> {
    if (job.name !== SCHEDULED_REFRESH && job.name !== SALES_REFRESH)
      throw new Error(`unknown insights job ${job.name}`);
    const outcome: RefreshOutcome = await this.refresher.refresh(
      job.name === SCHEDULED_REFRESH ? 'schedule' : 'sales',
    );
    return { durationMs: outcome.durationMs, refreshedAt: outcome.refreshedAt.toISOString() };
  }
}

/** Registers the periodic refresh; upserting keeps one schedule however many workers start. */
@Injectable()
export class InsightsSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(INSIGHTS_QUEUE) private readonly queue: Queue,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULED_REFRESH,
      { every: this.config.INSIGHTS_REFRESH_EVERY_MINUTES * 60_000 },
      {
        name: SCHEDULED_REFRESH,
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 10_000 },
          removeOnComplete: 50,
          removeOnFail: 50,
        },
      },
    );
  }
}
