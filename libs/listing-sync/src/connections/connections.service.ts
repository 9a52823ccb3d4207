import { Injectable } from '@nestjs/common';
import {
  type FieldError,
  Outbox,
  type Principal,
  Problem,
  Sql,
  type SqlTransaction,
  TenancyService,
} from '@souk/platform';
import { ListingChannels } from '../channels';
import { CredentialVault } from '../credentials/credential-vault';
import type { ChannelConnectionView, ConnectChannelDto, ResyncView } from './dto/channel.dto';

const WRITE = { scope: 'catalogue:write' } as const;
const READ = { scope: 'catalogue:read' } as const;

interface ConnectionRow {
  id: string;
  cooperative_id: string;
  channel: string;
  all_products: boolean;
  status: string;
  created_at: Date;
  updated_at: Date;
  total: number;
  synced: number;
  pending: number;
  failed: number;
}

const CONNECTIONS = `
  SELECT c.id, c.cooperative_id, c.channel, c.all_products, c.status, c.created_at, c.updated_at,
         count(l.id) FILTER (WHERE l.selected)::int AS total,
         count(l.id) FILTER (WHERE l.selected AND l.status = 'synced')::int AS synced,
         count(l.id) FILTER (WHERE l.selected AND l.status = 'pending')::int AS pending,
         count(l.id) FILTER (WHERE l.selected AND l.status = 'failed')::int AS failed
    FROM channel_connection c
    LEFT JOIN channel_listing l ON l.connection_id = c.id`;

/** A cooperative's channels: connecting one (credentials sealed), choosing products, resyncing. */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly channels: ListingChannels,
    private readonly vault: CredentialVault,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Connects a channel, or replaces its credentials and product choice. Products no longer chosen
   * stay known and are withdrawn from the channel by the sync that follows.
   */
  async connect(
    principal: Principal,
    cooperativeId: string,
    dto: ConnectChannelDto,
  ): Promise<ChannelConnectionView> {
    await this.assertCooperative(principal, cooperativeId, WRITE);
    const channel = this.channels.known(dto.channel);
    const problems: FieldError[] = Object.entries(dto.credentials)
      .filter(([, value]) => typeof value !== 'string' || value.length > 4096)
      .map(([key]) => ({
        field: `credentials.${key}`,
        message: 'must be a string of at most 4096 characters',
      }));
    problems.push(...channel.credentialProblems(dto.credentials));
    if (problems.length > 0) throw Problem.validation(problems);
    const products = dto.products ? [...new Set(dto.products.map((id) => id.toLowerCase()))] : undefined;
    if (products) await this.assertOwnProducts(cooperativeId, dto.products!);
    const sealed = this.vault.seal(dto.credentials, cooperativeId, channel.name);
    const by = principal.kind === 'user' ? principal.userId : null;

    const id = await this.sql.transaction(async (tx) => {
      const previous = await tx.one<{ credentials: Buffer }>(
        `SELECT credentials FROM channel_connection WHERE cooperative_id = $1 AND channel = $2 FOR UPDATE`,
        [cooperativeId, channel.name],
      );
      const row = await tx.one<{ id: string }>(
        `INSERT INTO channel_connection (cooperative_id, channel, credentials, all_products, connected_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (cooperative_id, channel) DO UPDATE
           SET credentials = EXCLUDED.credentials, all_products = EXCLUDED.all_products, status = 'active',
               connected_by = EXCLUDED.connected_by, updated_at = now()
         RETURNING id`,
        [cooperativeId, channel.name, sealed, !products, by],
      );
      if (previous && this.otherShop(previous.credentials, dto.credentials, cooperativeId, channel.name)) {
        // Another shop: the ids we hold belong to the old one.
        await tx.rows(
          `UPDATE channel_listing SET external_id = NULL, synced_hash = NULL, create_started_at = NULL, create_marker = NULL
            WHERE connection_id = $1`,
          [row!.id],
        );
      }
      await this.choose(tx, row!.id, cooperativeId, channel.name, products);
      await this.outbox.add(tx, {
        type: 'listing.resync',
        aggregateType: 'cooperative',
        aggregateId: cooperativeId,
        payload: { channel: channel.name, reason: 'connected' },
      });
      return row!.id;
    });
    return (await this.views(`WHERE c.id = $1`, [id]))[0];
  }

  async list(principal: Principal, cooperativeId: string): Promise<ChannelConnectionView[]> {
    await this.assertCooperative(principal, cooperativeId, READ);
    return this.views(`WHERE c.cooperative_id = $1`, [cooperativeId]);
  }

  /** Pushes every listing of the cooperative on a channel again, changed or not. */
  async resync(principal: Principal, cooperativeId: string, channelName: string): Promise<ResyncView> {
    await this.assertCooperative(principal, cooperativeId, WRITE);
    const channel = this.channels.known(channelName);
    return this.sql.transaction(async (tx) => {
      const marked = await tx.rows(
        `UPDATE channel_listing SET resync_requested_at = now() WHERE cooperative_id = $1 AND channel = $2 RETURNING id`,
        [cooperativeId, channel.name],
      );
      if (marked.length === 0)
        throw Problem.notFound(`Connection to ${channel.name} of cooperative`, cooperativeId);
      await this.outbox.add(tx, {
        type: 'listing.resync',
        aggregateType: 'cooperative',
        aggregateId: cooperativeId,
        payload: { channel: channel.name, reason: 'requested' },
      });
      return { listings: marked.length };
    });
  }

  /** The cooperative exists (404 first, so ids are not probed through 403s of others) and the caller acts for it. */
  async assertCooperative(
    principal: Principal,
    cooperativeId: string,
    opts: typeof READ | typeof WRITE,
  ): Promise<void> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId]))) {
      throw Problem.notFound('Cooperative', cooperativeId);
    }
    await this.tenancy.assertCanManage(principal, cooperativeId, opts);
  }

  private async choose(
    tx: SqlTransaction,
    connectionId: string,
    cooperativeId: string,
    channel: string,
    products: string[] | undefined,
  ): Promise<void> {
    await tx.rows(
      `INSERT INTO channel_listing (connection_id, product_id, cooperative_id, channel)
       SELECT $1, p.id, p.cooperative_id, $3 FROM product p
        WHERE p.cooperative_id = $2 AND ${products ? 'p.id = ANY($4::uuid[])' : `p.status = 'active'`}
       ON CONFLICT (product_id, channel) DO UPDATE SET selected = true, connection_id = EXCLUDED.connection_id`,
      products ? [connectionId, cooperativeId, channel, products] : [connectionId, cooperativeId, channel],
    );
    if (products) {
      await tx.rows(
        `UPDATE channel_listing SET selected = false WHERE connection_id = $1 AND selected AND NOT (product_id = ANY($2::uuid[]))`,
        [connectionId, products],
      );
    }
  }

  private async assertOwnProducts(cooperativeId: string, ids: string[]): Promise<void> {
    const own = await this.sql.rows<{ id: string }>(
      `SELECT id FROM product WHERE cooperative_id = $1 AND id = ANY($2::uuid[])`,
      [cooperativeId, ids],
    );
    const known = new Set(own.map((r) => r.id));
    const errors = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !known.has(id.toLowerCase()))
      .map(({ i }) => ({ field: `products[${i}]`, message: 'is not a product of this cooperative' }));
    if (errors.length > 0) throw Problem.validation(errors.slice(0, 20));
  }

  private otherShop(
    previous: Buffer,
    next: Record<string, string>,
    cooperativeId: string,
    channel: string,
  ): boolean {
    try {
      return this.vault.open(previous, cooperativeId, channel).shopId !== next.shopId;
    } catch {
      return true;
    }
  }

  private async views(where: string, params: unknown[]): Promise<ChannelConnectionView[]> {
    const rows = await this.sql.rows<ConnectionRow>(
      `${CONNECTIONS} ${where} GROUP BY c.id ORDER BY c.channel`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      cooperativeId: r.cooperative_id,
      channel: r.channel,
      allProducts: r.all_products,
      status: r.status,
      listings: { total: r.total, synced: r.synced, pending: r.pending, failed: r.failed },
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }));
  }
}
