import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';
import { ListingSnapshots, type ListingSnapshot } from './listing-snapshots';
import { SyncQueues, type SyncJobData } from './sync-queues';

/**
 * Decides which listings need a sync and queues them: those whose content hash differs from what
 * the channel last accepted, or for which a resync was asked. Unchanged content is skipped here,
 * before anything is queued.
 */
@Injectable()
export class SyncPlanner {
  private readonly log = new Logger(SyncPlanner.name);

  constructor(
    private readonly sql: Sql,
    private readonly snapshots: ListingSnapshots,
    private readonly queues: SyncQueues,
  ) {}

  /** Active products join the connections of their cooperative that take every product. */
  async adopt(productIds: string[]): Promise<void> {
    if (productIds.length === 0) return;
    await this.sql.rows(
      `INSERT INTO channel_listing (connection_id, product_id, cooperative_id, channel)
       SELECT c.id, p.id, p.cooperative_id, c.channel
         FROM product p
         JOIN channel_connection c ON c.cooperative_id = p.cooperative_id AND c.all_products AND c.status = 'active'
        WHERE p.id = ANY($1::uuid[]) AND p.status = 'active'
       ON CONFLICT (product_id, channel) DO NOTHING`,
      [productIds],
    );
  }

  /** Queues what needs it among these listings; returns how many were queued. */
  async plan(listings: ListingSnapshot[]): Promise<number> {
    const jobs: SyncJobData[] = [];
    for (const s of listings) {
      if (s.connection_status !== 'active') continue;
      let hash: string;
      try {
        hash = (await this.snapshots.prepare(s)).hash;
      } catch (err) {
        this.log.error({ err: (err as Error).message, listing: s.listing_id }, 'cannot render listing');
        continue;
      }
      if (!needsSync(s, hash)) continue;
      jobs.push({
        listingId: s.listing_id,
        productId: s.product_id,
        channel: s.channel,
        hash,
        ...(s.resync_requested_at ? { resync: s.resync_requested_at.getTime() } : {}),
      });
    }
    if (jobs.length === 0) return 0;
    // Pending first: if the queue is away, the listing says so and the outbox event comes back.
    await this.sql.rows(
      `UPDATE channel_listing l
          SET status = 'pending', pending_hash = x.hash, enqueued_at = clock_timestamp(),
              attempts = CASE WHEN l.pending_hash IS DISTINCT FROM x.hash THEN 0 ELSE l.attempts END,
              updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, hash text)
        WHERE l.id = x.id`,
      [JSON.stringify(jobs.map((j) => ({ id: j.listingId, hash: j.hash })))],
    );
    await this.queues.enqueue(jobs);
    return jobs.length;
  }
}

/**
 * Content the channel already holds is skipped, and so is content that already failed for good
 * (it would fail again); a resync always goes.
 */
export function needsSync(
  s: Pick<ListingSnapshot, 'resync_requested_at' | 'synced_hash' | 'status' | 'pending_hash' | 'external_id'>,
  hash: string,
): boolean {
  if (s.resync_requested_at) return true;
  if (hash === s.synced_hash) return false;
  if (s.status === 'failed' && hash === s.pending_hash) return false;
  return true;
}
