import { Injectable } from '@nestjs/common';
import { Metrics } from '@souk/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import { AppQueues } from '../board/app-queues';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Waits at most `ms` for a queue that may be unreachable (Redis away): a scrape must not hang. */
const within = <T>(work: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([
    work,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref()),
  ]).catch(() => undefined);

/**
 * Queues and listing sync in /metrics: the depth of every queue by state, and how long sync jobs
 * take and how they end. Registered in the application's registry, once per process.
 */
@Injectable()
export class SyncMetrics {
  readonly duration: Histogram<'channel' | 'outcome'>;
  readonly jobs: Counter<'channel' | 'outcome'>;

  constructor(metrics: Metrics, queues: AppQueues) {
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'listing_sync_job_duration_seconds',
      help: 'Time a listing sync job takes, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.jobs = new Counter({
      name: 'listing_sync_jobs_total',
      help: 'Listing sync jobs by channel and outcome (synced, inventory, deactivated, unchanged, retry, failed, rate_limited)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each BullMQ queue of the application by state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queues.all().map(async (queue) => {
            const counts = await within(queue.getJobCounts(...STATES), 1000);
            if (!counts) return;
            for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }

  observe(channel: string, outcome: string, seconds: number): void {
    this.jobs.inc({ channel, outcome });
    this.duration.observe({ channel, outcome }, seconds);
  }
}
