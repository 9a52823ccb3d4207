import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { queueConnection, redisOptions, SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { Queue, type JobsOptions } from 'bullmq';
import { ListingChannels, queueNameOf } from '../channels';

/** What a sync job carries: which listing, and the content hash it was queued for. */
export interface SyncJobData {
  listingId: string;
  productId: string;
  channel: string;
  hash: string;
  /** Set for a resync: a fresh job id even when a failed job with the same content is kept. */
  resync?: number;
}

export const SYNC_JOB = 'sync';
export const RECONCILE_JOB = 'reconcile';

/** Job ids are `<channel>-<product>-<hash>`: the same change is never queued twice (no `:` allowed). */
export const syncJobId = (j: SyncJobData): string =>
  `${j.channel}-${j.productId}-${j.hash}${j.resync ? `-r${j.resync}` : ''}`;

/**
 * The BullMQ connection for this lib's queues and workers: Redis when configured, otherwise the
 * PostgreSQL backend with small pools (each queue and worker holds its own).
 */
export function syncConnection(config: SoukConfig, role: 'producer' | 'worker'): object {
  if (config.REDIS_URL) return redisOptions(config.REDIS_URL);
  return { ...queueConnection(config), max: role === 'worker' ? 8 : 2 };
}

/** One queue per channel, each behind its own limiter (set on its workers). */
@Injectable()
export class SyncQueues implements OnApplicationShutdown {
  private readonly log = new Logger(SyncQueues.name);
  private readonly queues = new Map<string, Queue>();
  private lastErrorLog = 0;

  constructor(
    private readonly channels: ListingChannels,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  /** Retries with exponential backoff and jitter; finished jobs leave, failures live in our dead letters. */
  get jobOptions(): JobsOptions {
    return {
      attempts: this.config.LISTING_SYNC_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.LISTING_SYNC_BACKOFF_MS, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    };
  }

  queue(channel: string): Queue {
    let queue = this.queues.get(channel);
    if (!queue) {
      this.channels.get(channel);
      queue = new Queue(queueNameOf(channel), {
        connection: syncConnection(this.config, 'producer') as never,
        prefix: this.config.QUEUE_PREFIX,
      });
      // Redis away: say so now and then, and let the outbox relay retry.
      queue.on('error', (err) => {
        if (Date.now() - this.lastErrorLog < 10_000) return;
        this.lastErrorLog = Date.now();
        this.log.warn({ err: err.message, queue: queue!.name }, 'listing sync queue unavailable');
      });
      this.queues.set(channel, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return this.channels.names.map((name) => this.queue(name));
  }

  /**
   * Queues syncs. Per product and channel at most one job waits and one runs: a newer change
   * while one waits is picked up by that one (it reads the product when it runs), and one arriving
   * while a job runs is kept as the next (BullMQ deduplication with keepLastIfActive).
   */
  async enqueue(jobs: SyncJobData[]): Promise<void> {
    const byChannel = new Map<string, SyncJobData[]>();
    for (const job of jobs) byChannel.set(job.channel, [...(byChannel.get(job.channel) ?? []), job]);
    await Promise.all(
      [...byChannel].map(([channel, batch]) =>
        this.queue(channel).addBulk(
          batch.map((data) => ({
            name: SYNC_JOB,
            data,
            opts: {
              ...this.jobOptions,
              jobId: syncJobId(data),
              deduplication: { id: `${data.channel}-${data.productId}`, keepLastIfActive: true },
            },
          })),
        ),
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
