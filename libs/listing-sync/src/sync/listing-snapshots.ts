import { Injectable } from '@nestjs/common';
import { ExchangeRates, Sql } from '@souk/platform';
import type { ListingDraft } from '../channels/listing-channel';
import { ListingChannels } from '../channels';
import { CredentialVault } from '../credentials/credential-vault';
import { hashOf, renderDraft, type ProductSnapshot } from './listing-draft';

/** A listing with its product, variants and sealed credentials, read in one statement. */
export interface ListingSnapshot extends ProductSnapshot {
  listing_id: string;
  channel: string;
  connection_id: string;
  connection_status: 'active' | 'disabled';
  connection_updated_at: Date;
  credentials: Buffer;
  selected: boolean;
  external_id: string | null;
  status: 'pending' | 'synced' | 'failed';
  synced_hash: string | null;
  pending_hash: string | null;
  create_started_at: Date | null;
  create_marker: string | null;
  resync_requested_at: Date | null;
  attempts: number;
  /** The database's clock when this was read: later enqueues mean newer content is queued. */
  read_at: Date;
}

export interface PreparedListing {
  draft: ListingDraft;
  hash: string;
  credentials: Record<string, string>;
}

/** The variants of product `p` as the drafts need them, in the catalogue's order. */
export const DRAFT_VARIANTS = `coalesce((SELECT json_agg(json_build_object('sku', v.sku, 'options', v.options,
    'amount', v.price_amount, 'currency', v.price_currency, 'available', v.stock - v.reserved)
    ORDER BY v.position, v.created_at, v.id) FROM variant v WHERE v.product_id = p.id), '[]'::json)`;

/** The product columns a ProductSnapshot reads from `p`. */
export const DRAFT_PRODUCT = `p.id AS product_id, p.cooperative_id, p.status AS product_status, p.slug, p.title,
  p.description, p.craft, p.materials, p.origin_city, p.hs_code, p.images, ${DRAFT_VARIANTS} AS variants`;

const SNAPSHOT = `
  SELECT l.id AS listing_id, l.channel, l.connection_id, c.status AS connection_status,
         c.updated_at AS connection_updated_at, c.credentials, l.selected,
         l.external_id, l.status, l.synced_hash, l.pending_hash, l.create_started_at, l.create_marker,
         l.resync_requested_at, l.attempts,
         now() AS read_at, ${DRAFT_PRODUCT}
    FROM channel_listing l
    JOIN channel_connection c ON c.id = l.connection_id
    JOIN product p ON p.id = l.product_id`;

/** Reads listings as the sync sees them, and renders each for its channel. */
@Injectable()
export class ListingSnapshots {
  /** Opened credentials by connection and version: a batch of one cooperative's listings opens them once. */
  private readonly opened = new Map<string, Record<string, string>>();

  constructor(
    private readonly sql: Sql,
    private readonly vault: CredentialVault,
    private readonly channels: ListingChannels,
    private readonly rates: ExchangeRates,
  ) {}

  byListings(ids: string[]): Promise<ListingSnapshot[]> {
    return this.sql.rows<ListingSnapshot>(`${SNAPSHOT} WHERE l.id = ANY($1::uuid[])`, [ids]);
  }

  byProducts(productIds: string[]): Promise<ListingSnapshot[]> {
    if (productIds.length === 0) return Promise.resolve([]);
    return this.sql.rows<ListingSnapshot>(`${SNAPSHOT} WHERE l.product_id = ANY($1::uuid[])`, [productIds]);
  }

  byCooperative(cooperativeId: string, channel?: string): Promise<ListingSnapshot[]> {
    return this.sql.rows<ListingSnapshot>(
      `${SNAPSHOT} WHERE l.cooperative_id = $1 AND ($2::text IS NULL OR l.channel = $2)`,
      [cooperativeId, channel ?? null],
    );
  }

  byConnection(connectionId: string): Promise<ListingSnapshot[]> {
    return this.sql.rows<ListingSnapshot>(`${SNAPSHOT} WHERE l.connection_id = $1`, [connectionId]);
  }

  /** The draft for the listing's channel, its hash, and the opened credentials. */
  async prepare(s: ListingSnapshot): Promise<PreparedListing> {
    const credentials = { ...this.credentialsOf(s) };
    const rate = await this.rates.rateOn(this.channels.get(s.channel).currency(credentials));
    const draft = renderDraft(s, s.selected, rate);
    return { draft, hash: hashOf(draft), credentials };
  }

  private credentialsOf(s: ListingSnapshot): Record<string, string> {
    const key = `${s.connection_id}/${s.connection_updated_at.getTime()}`;
    let credentials = this.opened.get(key);
    if (!credentials) {
      if (this.opened.size >= 1000) this.opened.clear();
      credentials = this.vault.open(s.credentials, s.cooperative_id, s.channel);
      this.opened.set(key, credentials);
    }
    return credentials;
  }
}
