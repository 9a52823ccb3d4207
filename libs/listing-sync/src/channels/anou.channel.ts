import { Inject, Injectable } from '@nestjs/common';
import { type FieldError, SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { hashOf } from '../sync/listing-draft';
import { callChannel, ChannelRefused, describeRefusal, RemoteListingGone } from './channel-http';
import type { ChannelAccount, ListingChannel, ListingDraft, RemoteListing } from './listing-channel';

export const ANOU_CONTRACT_VERSION = 1;

/** A listing in the Anou contract (docs/channels/anou.md), as sent and as exported in the feed. */
export function anouListing(draft: ListingDraft) {
  return {
    contractVersion: ANOU_CONTRACT_VERSION,
    reference: draft.reference,
    slug: draft.slug,
    contentHash: hashOf(draft),
    status: draft.active ? 'active' : 'inactive',
    title: draft.title,
    description: draft.description,
    craft: draft.craft,
    materials: draft.materials,
    originCity: draft.originCity,
    hsCode: draft.hsCode,
    images: draft.images,
    variants: draft.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: v.price,
      quantity: v.quantity,
    })),
  };
}

/**
 * Anou, the artisan-owned marketplace of Moroccan cooperatives. It publishes no API, so this
 * speaks our own small contract: PUT by our reference (idempotent), inventory, list.
 */
@Injectable()
export class AnouChannel implements ListingChannel {
  readonly name = 'anou';
  readonly requestsPerSecond = 20;
  readonly requestsPerSync = 1;

  constructor(@Inject(SOUK_CONFIG) private readonly config: SoukConfig) {}

  credentialProblems(c: Record<string, unknown>): FieldError[] {
    const problems: FieldError[] = [];
    if (typeof c.token !== 'string' || c.token.length < 16)
      problems.push({
        field: 'credentials.token',
        message: 'must be the partner token Anou issued (16+ characters)',
      });
    if (typeof c.shopId !== 'string' || !/^[a-z0-9-]{2,60}$/.test(c.shopId))
      problems.push({ field: 'credentials.shopId', message: 'must be the shop id on Anou (a-z, 0-9, -)' });
    if (c.currency !== undefined && !['MAD', 'USD', 'EUR'].includes(c.currency as string))
      problems.push({ field: 'credentials.currency', message: 'must be MAD, USD or EUR' });
    return problems;
  }

  currency(credentials: Readonly<Record<string, string>>): string {
    return credentials.currency ?? 'MAD';
  }

  validate(draft: ListingDraft): string[] {
    const problems: string[] = [];
    if (!draft.title.fr && !draft.title.en) problems.push('title needs French or English');
    if (draft.variants.length === 0) problems.push('a listing needs at least one variant');
    if (draft.images.length > 20) problems.push('Anou takes at most 20 images');
    for (const v of draft.variants) if (v.price.amount <= 0) problems.push(`variant ${v.sku} has no price`);
    return problems;
  }

  async upsert(account: ChannelAccount, draft: ListingDraft): Promise<string> {
    const res = await this.call(account, 'PUT', `/listings/${draft.reference}`, anouListing(draft));
    if (res.status !== 200 && res.status !== 201) throw this.refusal(res.status, res.body);
    return String(res.body?.listingId ?? draft.reference);
  }

  async setInventory(account: ChannelAccount, _externalId: string, draft: ListingDraft): Promise<void> {
    const res = await this.call(account, 'PUT', `/listings/${draft.reference}/inventory`, {
      contentHash: hashOf(draft),
      variants: draft.variants.map((v) => ({ sku: v.sku, price: v.price, quantity: v.quantity })),
    });
    if (res.status === 404) throw new RemoteListingGone(`Anou has no listing ${draft.reference}`);
    if (res.status !== 200) throw this.refusal(res.status, res.body);
  }

  async deactivate(account: ChannelAccount, _externalId: string, draft: ListingDraft): Promise<void> {
    // The contract withdraws by PUTting the listing as inactive: idempotent, and the hash stays comparable.
    await this.upsert(account, { ...draft, active: false });
  }

  async *listRemote(account: ChannelAccount): AsyncIterable<RemoteListing> {
    let cursor: string | null = null;
    do {
      const query: string = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await this.call(account, 'GET', `/listings${query}`);
      if (res.status !== 200) throw this.refusal(res.status, res.body);
      for (const item of res.body.items ?? []) {
        yield {
          externalId: String(item.listingId),
          reference: item.reference,
          fingerprint: item.contentHash,
        };
      }
      cursor = res.body.nextCursor ?? null;
    } while (cursor);
  }

  fingerprint(draft: ListingDraft): string {
    return hashOf(draft);
  }

  private async call(account: ChannelAccount, method: string, path: string, body?: unknown) {
    const { token, shopId } = account.credentials;
    return callChannel(
      this.name,
      `${this.config.ANOU_API_URL}/v1/shops/${encodeURIComponent(shopId)}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'souk-contract-version': String(ANOU_CONTRACT_VERSION),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      },
      this.config.CHANNEL_TIMEOUT_MS,
    );
  }

  private refusal(status: number, body: unknown): Error {
    return new ChannelRefused(`Anou refused the listing: ${describeRefusal(status, body)}`);
  }
}
