import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { type Job, Worker } from 'bullmq';
import { ListingChannels, queueNameOf } from '../channels';
import type { ListingChannel } from '../channels/listing-channel';
import { Reconciliation } from './reconciliation';
import { SyncProcessor } from './sync-processor';
import { RECONCILE_JOB, syncConnection, SyncQueues, type SyncJobData } from './sync-queues';

/**
 * A BullMQ worker per channel, limited to the channel's budget, and the nightly reconciliation
 * scheduled on each channel's queue (upserted, so one schedule however many workers start).
 */
@Injectable()
export class SyncWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SyncWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly channels: ListingChannels,
    private readonly queues: SyncQueues,
    private readonly processor: SyncProcessor,
    private readonly reconciliation: Reconciliation,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const channel of this.channels.all()) this.workers.push(this.start(channel));
    // Not awaited: with Redis away the worker still starts, and the schedule is set when it is back.
    void this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }

  private start(channel: ListingChannel): Worker {
    const limiter = this.channels.limiter(channel);
    const jobsPerSecond = (limiter.max * 1000) / limiter.duration;
    const worker: Worker = new Worker(
      queueNameOf(channel.name),
      (job: Job) =>
        job.name === RECONCILE_JOB
          ? this.reconciliation.reconcile(channel, worker)
          : this.processor.process(channel, job as Job<SyncJobData>, worker),
      {
        connection: syncConnection(this.config, 'worker') as never,
        prefix: this.config.QUEUE_PREFIX,
        limiter,
        // Enough jobs in flight to fill the budget while each waits on the channel and the database.
        concurrency: Math.max(2, Math.min(64, Math.ceil(jobsPerSecond / 5))),
        lockDuration: this.config.LISTING_SYNC_LOCK_MS,
        stalledInterval: this.config.LISTING_SYNC_LOCK_MS,
        maxStalledCount: 5,
      },
    );
    let lastLog = 0;
    worker.on('error', (err) => {
      if (Date.now() - lastLog < 10_000) return;
      lastLog = Date.now();
      this.log.warn({ err: err.message, channel: channel.name }, 'listing sync worker error');
    });
    worker.on('failed', (job, err) => {
      if (job && job.name !== RECONCILE_JOB && err.name !== 'RateLimitError')
        this.log.warn(
          { job: job.id, attempt: job.attemptsMade, err: err.message },
          'listing sync attempt failed',
        );
    });
    return worker;
  }

  private async schedule(): Promise<void> {
    for (const channel of this.channels.all()) {
      try {
        await this.queues
          .queue(channel.name)
          .upsertJobScheduler(
            RECONCILE_JOB,
            { pattern: this.config.LISTING_RECONCILE_CRON, tz: 'UTC' },
            { name: RECONCILE_JOB, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
          );
      } catch (err) {
        this.log.warn(
          { err: (err as Error).message, channel: channel.name },
          'could not schedule reconciliation',
        );
      }
    }
  }
}
