import { DiscoveryService } from '@nestjs/core';

/** An outbox row as the relay hands it to a subscriber. */
export interface RelayedEvent {
  /** The row's id (a bigint, as text): increasing in commit order within one writer. */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** How many times the relay has claimed this event, this time included. */
  attempts: number;
}

/** What a subscriber says about itself: a unique name and the event types it takes. */
export interface OutboxSubscription {
  /** Stable and unique among subscribers: the relay records per event which names have taken it. */
  name: string;
  /** Exact event types, e.g. `product.updated`. */
  types: readonly string[];
}

/**
 * A provider that takes outbox events, typically by enqueuing them on its own queue.
 * Delivery is at least once: a subscriber that throws gets the same events again later (with
 * backoff), and one that timed out may get events it did take. Make `deliver` idempotent,
 * for instance with job ids derived from the event id or from the content.
 */
export interface OutboxHandler {
  deliver(events: RelayedEvent[]): Promise<void>;
}

/**
 * Marks a provider as an outbox subscriber; the relay in the worker finds every one of them at
 * start, so a lib subscribes by declaring a provider, without touching the relay:
 *
 * ```ts
 * @Injectable()
 * @OutboxSubscriber({ name: 'partner-webhooks', types: ['order.paid', 'listing.synced'] })
 * export class WebhookFanOut implements OutboxHandler {
 *   async deliver(events: RelayedEvent[]) { await this.queue.addBulk(…jobId: `evt-${e.id}`…) }
 * }
 * ```
 */
export const OutboxSubscriber = DiscoveryService.createDecorator<OutboxSubscription>();
