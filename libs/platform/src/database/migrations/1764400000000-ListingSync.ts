import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Listing sync: which subscribers took each outbox event, the channels a cooperative connected (credentials sealed with AES-256-GCM),
 * one sync state per product × channel, and the dead letters of syncs that gave up.
 */
export class ListingSync1764400000000 implements MigrationInterface {
  name = 'ListingSync1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // The relay records which subscribers took an event, so a retry only goes to those that failed.
    await q.query(`ALTER TABLE outbox_event ADD COLUMN delivered_to text[] NOT NULL DEFAULT '{}'`);

    await q.query(`
      CREATE TABLE channel_connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel ~ '^[a-z0-9-]{2,40}$'),
        -- version byte, iv, auth tag and ciphertext of the JSON credentials
        credentials bytea NOT NULL,
        -- true: every active product of the cooperative, new ones included
        all_products boolean NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        connected_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, channel)
      )`);
    await q.query(
      `CREATE INDEX channel_connection_channel_idx ON channel_connection (channel) WHERE status = 'active'`,
    );

    await q.query(`
      CREATE TABLE channel_listing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES channel_connection(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
        channel text NOT NULL,
        -- false once the cooperative stops syncing it: the channel's copy is then deactivated
        selected boolean NOT NULL DEFAULT true,
        external_id text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'synced', 'failed')),
        -- content hash of the last job queued, and of the content the channel last accepted
        pending_hash text,
        synced_hash text,
        synced_at timestamptz,
        last_error text,
        attempts integer NOT NULL DEFAULT 0,
        -- set before a create is sent and cleared when its answer is recorded: a crash in between
        -- makes the next attempt look for the listing on the channel (by the connector's marker,
        -- e.g. the title it sent) before creating another
        create_started_at timestamptz,
        create_marker text,
        -- a resync (manual or from reconciliation) pushes the listing even when its hash is unchanged
        resync_requested_at timestamptz,
        enqueued_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, channel)
      )`);
    await q.query(`CREATE INDEX channel_listing_connection_idx ON channel_listing (connection_id)`);
    await q.query(
      `CREATE INDEX channel_listing_cooperative_idx ON channel_listing (cooperative_id, channel)`,
    );
    await q.query(
      `CREATE INDEX channel_listing_pending_idx ON channel_listing (enqueued_at) WHERE status = 'pending'`,
    );

    // The dead letters: a sync that exhausted its attempts or was refused for good.
    await q.query(`
      CREATE TABLE listing_sync_failure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL REFERENCES channel_listing(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        channel text NOT NULL,
        job_id text NOT NULL,
        content_hash text,
        error text NOT NULL,
        attempts integer NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX listing_sync_failure_coop_idx ON listing_sync_failure (cooperative_id, failed_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX listing_sync_failure_idx ON listing_sync_failure (failed_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS listing_sync_failure`);
    await q.query(`DROP TABLE IF EXISTS channel_listing`);
    await q.query(`DROP TABLE IF EXISTS channel_connection`);
    await q.query(`ALTER TABLE outbox_event DROP COLUMN IF EXISTS delivered_to`);
  }
}
