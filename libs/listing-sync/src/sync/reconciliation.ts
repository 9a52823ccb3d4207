import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';
import type { Worker } from 'bullmq';
import type { ChannelAccount, ListingChannel } from '../channels/listing-channel';
import { CredentialVault } from '../credentials/credential-vault';
import { ListingSnapshots } from './listing-snapshots';
import { SyncPlanner } from './sync-planner';

/** Listings queued this long ago and still pending lost their job (a Redis without persistence, say). */
const STUCK_AFTER = '15 minutes';

export interface ReconcileReport {
  connections: number;
  missing: number;
  differing: number;
  stuck: number;
  queued: number;
}

/**
 * The nightly check against each channel: listings missing there are created again, listings
 * whose content differs (edited by hand on the channel) are pushed again, and listings whose job
 * was lost are queued again.
 */
@Injectable()
export class Reconciliation {
  private readonly log = new Logger(Reconciliation.name);

  constructor(
    private readonly sql: Sql,
    private readonly vault: CredentialVault,
    private readonly snapshots: ListingSnapshots,
    private readonly planner: SyncPlanner,
  ) {}

  async reconcile(channel: ListingChannel, worker: Worker): Promise<ReconcileReport> {
    const report: ReconcileReport = { connections: 0, missing: 0, differing: 0, stuck: 0, queued: 0 };
    const connections = await this.sql.rows<{ id: string; cooperative_id: string; credentials: Buffer }>(
      `SELECT id, cooperative_id, credentials FROM channel_connection WHERE channel = $1 AND status = 'active'`,
      [channel.name],
    );
    for (const c of connections) {
      try {
        await this.reconcileConnection(channel, c, worker, report);
        report.connections++;
      } catch (err) {
        this.log.warn(
          { err: (err as Error).message, connection: c.id },
          'reconciliation of a connection failed',
        );
      }
    }
    const stuck = await this.sql.rows<{ id: string }>(
      `UPDATE channel_listing SET resync_requested_at = now()
        WHERE channel = $1 AND status = 'pending' AND enqueued_at < now() - $2::interval
        RETURNING id`,
      [channel.name, STUCK_AFTER],
    );
    report.stuck = stuck.length;
    if (stuck.length > 0)
      report.queued += await this.planner.plan(await this.snapshots.byListings(stuck.map((r) => r.id)));
    this.log.log({ channel: channel.name, ...report }, 'listings reconciled');
    return report;
  }

  private async reconcileConnection(
    channel: ListingChannel,
    c: { id: string; cooperative_id: string; credentials: Buffer },
    worker: Worker,
    report: ReconcileReport,
  ): Promise<void> {
    const account: ChannelAccount = {
      connectionId: c.id,
      cooperativeId: c.cooperative_id,
      credentials: this.vault.open(c.credentials, c.cooperative_id, channel.name),
      saveCredentials: async (next) => {
        account.credentials = next;
        await this.sql.rows(
          `UPDATE channel_connection SET credentials = $2, updated_at = now() WHERE id = $1`,
          [c.id, this.vault.seal(next, c.cooperative_id, channel.name)],
        );
      },
      reloadCredentials: async () => account.credentials,
      throttle: (ms) => worker.rateLimit(ms),
    };
    const remote = new Map<string, string>();
    for await (const listing of channel.listRemote(account))
      remote.set(listing.externalId, listing.fingerprint);

    const missing: string[] = [];
    const differing: string[] = [];
    for (const s of await this.snapshots.byConnection(c.id)) {
      if (!s.external_id) continue;
      const { draft } = await this.snapshots.prepare(s);
      const fingerprint = remote.get(s.external_id);
      if (fingerprint === undefined) {
        if (draft.active) missing.push(s.listing_id);
      } else if (fingerprint !== channel.fingerprint(draft)) {
        differing.push(s.listing_id);
      }
    }
    if (missing.length > 0) {
      await this.sql.rows(
        `UPDATE channel_listing SET external_id = NULL, synced_hash = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
        [missing],
      );
    }
    if (differing.length > 0) {
      await this.sql.rows(
        `UPDATE channel_listing SET resync_requested_at = now() WHERE id = ANY($1::uuid[])`,
        [differing],
      );
    }
    report.missing += missing.length;
    report.differing += differing.length;
    const stale = [...missing, ...differing];
    if (stale.length > 0) report.queued += await this.planner.plan(await this.snapshots.byListings(stale));
  }
}
