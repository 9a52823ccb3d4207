import { Injectable } from '@nestjs/common';
import { Outbox, Sql } from '@souk/platform';
import type { ListingSnapshot } from './listing-snapshots';

/**
 * Writes a listing's sync state. Each outcome is one transaction with its outbox event
 * (`listing.synced`, `listing.failed`), so partners hear exactly what the state says.
 * A listing stays `pending` when newer content was queued after this sync read the product.
 */
@Injectable()
export class SyncState {
  constructor(
    private readonly sql: Sql,
    private readonly outbox: Outbox,
  ) {}

  /** Recorded before a create is sent, so a crash before its answer is recorded is detectable. */
  async createStarted(listingId: string, marker: string): Promise<void> {
    await this.sql.rows(
      `UPDATE channel_listing SET create_started_at = now(), create_marker = $2 WHERE id = $1`,
      [listingId, marker],
    );
  }

  /** The channel's id, recorded the moment the create is answered. */
  async created(listingId: string, externalId: string): Promise<void> {
    await this.sql.rows(
      `UPDATE channel_listing SET external_id = $2, create_started_at = NULL, create_marker = NULL, updated_at = now() WHERE id = $1`,
      [listingId, externalId],
    );
  }

  /** The listing is gone from the channel: the next sync creates it again. */
  async forgetExternalId(listingId: string): Promise<void> {
    await this.sql.rows(
      `UPDATE channel_listing SET external_id = NULL, synced_hash = NULL, updated_at = now() WHERE id = $1`,
      [listingId],
    );
  }

  async synced(
    s: ListingSnapshot,
    hash: string,
    externalId: string | null,
    attempts: number,
    called: boolean,
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const row = await tx.one<{ status: string }>(
        `UPDATE channel_listing
            SET status = CASE WHEN enqueued_at > $5 THEN 'pending' ELSE 'synced' END,
                external_id = $2, synced_hash = $3, synced_at = CASE WHEN $6 THEN now() ELSE coalesce(synced_at, now()) END,
                last_error = NULL, attempts = $4, create_started_at = NULL, create_marker = NULL,
                resync_requested_at = CASE WHEN resync_requested_at <= $5 THEN NULL ELSE resync_requested_at END,
                updated_at = now()
          WHERE id = $1
          RETURNING status`,
        [s.listing_id, externalId, hash, attempts, s.read_at, called],
      );
      if (row && called) {
        await this.outbox.add(tx, {
          type: 'listing.synced',
          aggregateType: 'listing',
          aggregateId: s.listing_id,
          payload: {
            productId: s.product_id,
            cooperativeId: s.cooperative_id,
            channel: s.channel,
            externalId,
            contentHash: hash,
          },
        });
      }
    });
  }

  /**
   * A failed attempt. While attempts remain the listing stays pending with the error; the last one
   * (or a refusal) marks it failed and keeps a dead letter for the cooperative and the admins.
   */
  async attemptFailed(
    s: ListingSnapshot,
    hash: string,
    jobId: string,
    attempts: number,
    error: string,
    final: boolean,
  ): Promise<void> {
    const message = error.replace(/\s+/g, ' ').slice(0, 2000);
    if (!final) {
      await this.sql.rows(
        `UPDATE channel_listing SET last_error = $2, attempts = $3, updated_at = now() WHERE id = $1`,
        [s.listing_id, message, attempts],
      );
      return;
    }
    await this.sql.transaction(async (tx) => {
      await tx.rows(
        `UPDATE channel_listing
            SET status = CASE WHEN enqueued_at > $5 THEN 'pending' ELSE 'failed' END,
                last_error = $2, attempts = $3, pending_hash = $4, updated_at = now()
          WHERE id = $1`,
        [s.listing_id, message, attempts, hash, s.read_at],
      );
      await tx.rows(
        `INSERT INTO listing_sync_failure (listing_id, cooperative_id, product_id, channel, job_id, content_hash, error, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.listing_id, s.cooperative_id, s.product_id, s.channel, jobId, hash, message, attempts],
      );
      await this.outbox.add(tx, {
        type: 'listing.failed',
        aggregateType: 'listing',
        aggregateId: s.listing_id,
        payload: {
          productId: s.product_id,
          cooperativeId: s.cooperative_id,
          channel: s.channel,
          error: message,
          attempts,
        },
      });
    });
  }
}
