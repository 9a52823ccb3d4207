import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import {
  type OutboxHandler,
  OutboxSubscriber,
  type RelayedEvent,
  SOUK_CONFIG,
  type SoukConfig,
} from '@souk/platform';
import { REVIEW_EVENTS } from '@souk/storefronts';
import type { Queue } from 'bullmq';
import { INSIGHTS_QUEUE, SALES_REFRESH } from './refresh.processor';

/** Events after which the figures change: sales, and the reviews behind satisfaction. */
export const INSIGHTS_EVENTS = ['order.paid', 'order.refunded', ...REVIEW_EVENTS] as const;

/**
 * Debounces refreshes: time is cut in windows of INSIGHTS_REFRESH_DEBOUNCE_SECONDS, and every
 * event relayed in one window asks for the same job (its id names the window), delayed to the
 * window's end. A burst of paid orders costs one refresh, and none waits longer than one window
 * plus the refresh. The relay hands events over after they commit, and the job starts after the
 * window ends, so its refresh sees them. Handing the same events over twice adds nothing.
 */
@Injectable()
@OutboxSubscriber({ name: 'insights-refresh', types: INSIGHTS_EVENTS })
export class SalesChangedSubscriber implements OutboxHandler {
  constructor(
    @InjectQueue(INSIGHTS_QUEUE) private readonly queue: Queue,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async deliver(events: RelayedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const windowMs = Math.max(1, this.config.INSIGHTS_REFRESH_DEBOUNCE_SECONDS) * 1000;
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    await this.queue.add(
      SALES_REFRESH,
      { window, firstEvent: events[0].id },
      {
        jobId: `sales-${window}`,
        delay: (window + 1) * windowMs - now,
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: 200,
        removeOnFail: 200,
      },
    );
  }
}
