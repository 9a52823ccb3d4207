import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { ChannelRateLimited, ChannelRefused, RemoteListingGone } from '../channels/channel-http';
import type { ChannelAccount, ListingChannel, ListingDraft } from '../channels/listing-channel';
import { CredentialVault } from '../credentials/credential-vault';
import { sameContent } from './listing-draft';
import { ListingSnapshots, type ListingSnapshot } from './listing-snapshots';
import { SyncMetrics } from './sync-metrics';
import { SyncState } from './sync-state';
import type { SyncJobData } from './sync-queues';

export type SyncOutcome = 'synced' | 'inventory' | 'deactivated' | 'unchanged' | 'gone';

/**
 * One sync job: read the product as it is now (so a job queued for older content pushes the
 * latest), skip it when the channel already holds it, else call the connector and record the
 * outcome. Rate limits hold the whole queue back without spending an attempt.
 */
@Injectable()
export class SyncProcessor {
  private readonly log = new Logger(SyncProcessor.name);

  constructor(
    private readonly sql: Sql,
    private readonly snapshots: ListingSnapshots,
    private readonly state: SyncState,
    private readonly vault: CredentialVault,
    private readonly metrics: SyncMetrics,
  ) {}

  async process(channel: ListingChannel, job: Job<SyncJobData>, worker: Worker): Promise<SyncOutcome> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const outcome = await this.sync(channel, job, worker);
      this.metrics.observe(channel.name, outcome, seconds());
      return outcome;
    } catch (err) {
      const outcome =
        err instanceof Error && err.name === 'RateLimitError'
          ? 'rate_limited'
          : err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
            ? 'failed'
            : 'retry';
      this.metrics.observe(channel.name, outcome, seconds());
      throw err;
    }
  }

  private async sync(channel: ListingChannel, job: Job<SyncJobData>, worker: Worker): Promise<SyncOutcome> {
    const [s] = await this.snapshots.byListings([job.data.listingId]);
    if (!s || s.connection_status !== 'active') return 'gone';
    const { draft, hash, credentials } = await this.snapshots.prepare(s);
    const attempt = job.attemptsMade + 1;

    if (!s.resync_requested_at && hash === s.synced_hash && (s.external_id || !draft.active)) {
      if (s.status !== 'synced') await this.state.synced(s, hash, s.external_id, s.attempts, false);
      return 'unchanged';
    }
    const problems = draft.active ? channel.validate(draft) : [];
    if (problems.length > 0) {
      const message = `${channel.name} would refuse this listing: ${problems.join('; ')}`;
      await this.state.attemptFailed(s, hash, job.id!, attempt, message, true);
      throw new UnrecoverableError(message);
    }

    const account = this.account(s, credentials, worker);
    try {
      const [outcome, externalId] = await this.push(channel, account, draft, hash, s);
      // Nothing to take off a channel that never had it: recorded, but no call and no event.
      await this.state.synced(s, hash, externalId, attempt, outcome !== 'unchanged');
      return outcome;
    } catch (err) {
      if (err instanceof ChannelRateLimited) {
        await worker.rateLimit(err.retryAfterMs);
        throw Worker.RateLimitError();
      }
      const refused = err instanceof ChannelRefused;
      const final = refused || attempt >= (job.opts.attempts ?? 1);
      await this.state.attemptFailed(s, hash, job.id!, attempt, (err as Error).message, final);
      if (refused) throw new UnrecoverableError((err as Error).message);
      throw err;
    }
  }

  private async push(
    channel: ListingChannel,
    account: ChannelAccount,
    draft: ListingDraft,
    hash: string,
    s: ListingSnapshot,
  ): Promise<[SyncOutcome, string | null]> {
    if (!draft.active) {
      if (!s.external_id) return ['unchanged', null];
      await channel.deactivate(account, s.external_id, draft);
      return ['deactivated', s.external_id];
    }
    if (s.external_id && !s.resync_requested_at && sameContent(s.synced_hash, hash)) {
      try {
        await channel.setInventory(account, s.external_id, draft);
        return ['inventory', s.external_id];
      } catch (err) {
        if (!(err instanceof RemoteListingGone)) throw err;
      }
      await this.state.forgetExternalId(s.listing_id);
      return ['synced', await this.upsert(channel, account, draft, s, null)];
    }
    try {
      return ['synced', await this.upsert(channel, account, draft, s, s.external_id)];
    } catch (err) {
      // Deleted on the channel since: create it again.
      if (!(err instanceof RemoteListingGone) || !s.external_id) throw err;
      await this.state.forgetExternalId(s.listing_id);
      return ['synced', await this.upsert(channel, account, draft, s, null)];
    }
  }

  private upsert(
    channel: ListingChannel,
    account: ChannelAccount,
    draft: ListingDraft,
    s: ListingSnapshot,
    externalId: string | null,
  ): Promise<string> {
    return channel.upsert(account, draft, externalId, {
      unfinishedCreate: s.create_started_at
        ? { startedAt: s.create_started_at, marker: s.create_marker ?? '' }
        : null,
      beforeCreate: (marker) => this.state.createStarted(s.listing_id, marker),
      created: (id) => this.state.created(s.listing_id, id),
    });
  }

  /** The cooperative's account for this call: rotated credentials are sealed back at once. */
  private account(s: ListingSnapshot, credentials: Record<string, string>, worker: Worker): ChannelAccount {
    const account: ChannelAccount = {
      connectionId: s.connection_id,
      cooperativeId: s.cooperative_id,
      credentials,
      saveCredentials: async (next) => {
        account.credentials = next;
        await this.sql.rows(
          `UPDATE channel_connection SET credentials = $2, updated_at = now() WHERE id = $1`,
          [s.connection_id, this.vault.seal(next, s.cooperative_id, s.channel)],
        );
      },
      reloadCredentials: async () => {
        const row = await this.sql.one<{ credentials: Buffer }>(
          `SELECT credentials FROM channel_connection WHERE id = $1`,
          [s.connection_id],
        );
        return row ? this.vault.open(row.credentials, s.cooperative_id, s.channel) : account.credentials;
      },
      throttle: async (ms) => {
        this.log.debug({ channel: s.channel, ms }, 'channel budget spent, holding the queue');
        await worker.rateLimit(ms);
      },
    };
    return account;
  }
}
