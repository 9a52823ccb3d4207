import { Injectable } from '@nestjs/common';
import { type OutboxHandler, OutboxSubscriber, type RelayedEvent } from '@souk/platform';
import { ListingSnapshots, type ListingSnapshot } from './listing-snapshots';
import { SyncPlanner } from './sync-planner';

/** Events that may change what a channel should show. `listing.resync` is written by our own routes. */
export const LISTING_SYNC_EVENTS = ['product.updated', 'product.archived', 'stock.changed', 'listing.resync'];

/**
 * Takes product and stock events from the outbox and queues the listings they affect. A burst of
 * edits to one product in one batch reads the product once and queues (at most) one job.
 */
@Injectable()
@OutboxSubscriber({ name: 'listing-sync', types: LISTING_SYNC_EVENTS })
export class ListingSyncSubscriber implements OutboxHandler {
  constructor(
    private readonly snapshots: ListingSnapshots,
    private readonly planner: SyncPlanner,
  ) {}

  async deliver(events: RelayedEvent[]): Promise<void> {
    const productIds = [
      ...new Set(events.filter((e) => e.aggregateType === 'product').map((e) => e.aggregateId)),
    ];
    // Whole cooperatives (a connection, a resync): per channel, or every channel when none is named.
    const scopes = new Set(
      events
        .filter((e) => e.aggregateType === 'cooperative')
        .map((e) => `${e.aggregateId}/${typeof e.payload.channel === 'string' ? e.payload.channel : ''}`),
    );
    await this.planner.adopt(productIds);
    const listings: ListingSnapshot[] = await this.snapshots.byProducts(productIds);
    const seen = new Set(listings.map((l) => l.listing_id));
    for (const scope of scopes) {
      const [cooperativeId, channel] = scope.split('/');
      for (const l of await this.snapshots.byCooperative(cooperativeId, channel || undefined)) {
        if (!seen.has(l.listing_id)) listings.push(l);
        seen.add(l.listing_id);
      }
    }
    await this.planner.plan(listings);
  }
}
