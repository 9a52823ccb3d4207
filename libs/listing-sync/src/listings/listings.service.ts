import { Injectable } from '@nestjs/common';
import { Outbox, type Principal, Problem, Sql, TenancyService } from '@souk/platform';
import { ListingChannels } from '../channels';
import type { ResyncView } from '../connections/dto/channel.dto';
import type { ListingView } from './dto/listing.dto';

interface ListingRow {
  id: string;
  product_id: string;
  channel: string;
  external_id: string | null;
  status: string;
  selected: boolean;
  synced_hash: string | null;
  synced_at: Date | null;
  last_error: string | null;
  attempts: number;
  updated_at: Date;
}

export const toListingView = (r: ListingRow): ListingView => ({
  id: r.id,
  productId: r.product_id,
  channel: r.channel,
  externalId: r.external_id,
  status: r.status,
  selected: r.selected,
  syncedHash: r.synced_hash,
  syncedAt: r.synced_at?.toISOString() ?? null,
  lastError: r.last_error,
  attempts: r.attempts,
  updatedAt: r.updated_at.toISOString(),
});

/** A product's listings on the channels, as its cooperative and the admins see them. */
@Injectable()
export class ListingsService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly channels: ListingChannels,
    private readonly outbox: Outbox,
  ) {}

  async list(principal: Principal, productId: string): Promise<ListingView[]> {
    await this.assertProduct(principal, productId, 'catalogue:read');
    const rows = await this.sql.rows<ListingRow>(
      `SELECT id, product_id, channel, external_id, status, selected, synced_hash, synced_at, last_error, attempts, updated_at
         FROM channel_listing WHERE product_id = $1 ORDER BY channel`,
      [productId],
    );
    return rows.map(toListingView);
  }

  /** Pushes the product again to its channels (or one), even where nothing changed. */
  async resync(principal: Principal, productId: string, channelName?: string): Promise<ResyncView> {
    await this.assertProduct(principal, productId, 'catalogue:write');
    const channel = channelName === undefined ? undefined : this.channels.known(channelName).name;
    return this.sql.transaction(async (tx) => {
      const marked = await tx.rows(
        `UPDATE channel_listing SET resync_requested_at = now()
          WHERE product_id = $1 AND ($2::text IS NULL OR channel = $2) RETURNING id`,
        [productId, channel ?? null],
      );
      if (marked.length === 0)
        throw Problem.notFound(`Listing of product ${productId}${channel ? ` on ${channel}` : ''}`);
      await this.outbox.add(tx, {
        type: 'listing.resync',
        aggregateType: 'product',
        aggregateId: productId,
        payload: { channel: channel ?? null, reason: 'requested' },
      });
      return { listings: marked.length };
    });
  }

  private async assertProduct(
    principal: Principal,
    productId: string,
    scope: 'catalogue:read' | 'catalogue:write',
  ): Promise<void> {
    const row = await this.sql.one<{ cooperative_id: string }>(
      `SELECT cooperative_id FROM product WHERE id = $1`,
      [productId],
    );
    if (!row) throw Problem.notFound('Product', productId);
    await this.tenancy.assertCanManage(principal, row.cooperative_id, { scope });
  }
}
