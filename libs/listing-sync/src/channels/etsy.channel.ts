import { Inject, Injectable } from '@nestjs/common';
import { type FieldError, SOUK_CONFIG, type SoukConfig, exponentOf } from '@souk/platform';
import { createHash } from 'node:crypto';
import { ChannelRefused, describeRefusal, RemoteListingGone, type ChannelResponse } from './channel-http';
import { EtsyClient } from './etsy-client';
import type {
  ChannelAccount,
  CreateHooks,
  ListingChannel,
  ListingDraft,
  RemoteListing,
} from './listing-channel';

const REQUIRED = ['keystring', 'sharedSecret', 'refreshToken', 'shopId', 'taxonomyId'] as const;
const WHO_MADE = ['i_did', 'someone_else', 'collective'];
const MAX_TITLE = 140;

const majorUnits = (amount: number, currency: string) => amount / 10 ** exponentOf(currency);

/**
 * Etsy Open API v3. Listings are created as drafts (POST), edited (PATCH) and priced and stocked
 * through the inventory (PUT); the calls themselves (keys, tokens, budget) are in etsy-client.ts.
 */
@Injectable()
export class EtsyChannel implements ListingChannel {
  readonly name = 'etsy';
  readonly requestsPerSecond = 10;
  /** A create: the draft, its inventory, its activation (an update takes two, a stock change one). */
  readonly requestsPerSync = 3;
  private readonly client: EtsyClient;

  constructor(@Inject(SOUK_CONFIG) config: SoukConfig) {
    this.client = new EtsyClient(config);
  }

  credentialProblems(c: Record<string, unknown>): FieldError[] {
    const problems: FieldError[] = REQUIRED.filter((k) => typeof c[k] !== 'string' || !c[k]).map((k) => ({
      field: `credentials.${k}`,
      message: 'is required',
    }));
    for (const k of ['shopId', 'taxonomyId', 'shippingProfileId'] as const)
      if (typeof c[k] === 'string' && !/^\d{1,18}$/.test(c[k] as string))
        problems.push({ field: `credentials.${k}`, message: 'must be an Etsy numeric id' });
    if (c.whoMade !== undefined && !WHO_MADE.includes(c.whoMade as string))
      problems.push({ field: 'credentials.whoMade', message: `must be one of ${WHO_MADE.join(', ')}` });
    if (c.currency !== undefined && !['USD', 'EUR', 'GBP', 'CAD', 'MAD'].includes(c.currency as string))
      problems.push({
        field: 'credentials.currency',
        message: "must be the shop's currency (USD, EUR, GBP, CAD)",
      });
    return problems;
  }

  currency(credentials: Readonly<Record<string, string>>): string {
    return credentials.currency ?? 'USD';
  }

  validate(draft: ListingDraft): string[] {
    const problems: string[] = [];
    if (!draft.title.en) problems.push('Etsy needs an English title');
    else if (draft.title.en.length > MAX_TITLE)
      problems.push(`Etsy titles are at most ${MAX_TITLE} characters`);
    if (draft.variants.length === 0) problems.push('a listing needs at least one variant');
    for (const v of draft.variants) {
      if (majorUnits(v.price.amount, v.price.currency) < 0.2)
        problems.push(`variant ${v.sku}: Etsy prices start at 0.20`);
      if (v.quantity > 999) problems.push(`variant ${v.sku}: Etsy takes at most 999 units per offering`);
    }
    return problems;
  }

  /** Only called with active drafts: inactive ones go through deactivate. */
  async upsert(account: ChannelAccount, draft: ListingDraft, externalId: string | null, hooks: CreateHooks) {
    let id =
      externalId ??
      (hooks.unfinishedCreate ? await this.findOrphan(account, draft, hooks.unfinishedCreate) : null);
    if (!id) {
      // The title sent is what finds the draft again if the answer is lost (drafts have no SKU yet).
      await hooks.beforeCreate(draft.title.en!);
      const res = await this.client.call(
        account,
        'POST',
        `/v3/application/shops/${account.credentials.shopId}/listings`,
        this.creation(account, draft),
      );
      if (res.status !== 201 && res.status !== 200) throw this.refusal(res);
      id = String(res.body.listing_id);
      await hooks.created(id);
    }
    // Stock first: Etsy will not activate a listing with nothing to sell.
    await this.setInventory(account, id, draft);
    await this.patch(account, id, {
      title: draft.title.en,
      description: description(draft),
      materials: draft.materials,
      state: 'active',
    });
    return id;
  }

  async setInventory(account: ChannelAccount, externalId: string, draft: ListingDraft): Promise<void> {
    const res = await this.client.call(account, 'PUT', `/v3/application/listings/${externalId}/inventory`, {
      products: draft.variants.map((v) => ({
        sku: v.sku,
        // Etsy's two free-form variation properties (513, 514) carry our options.
        property_values: Object.entries(v.options)
          .slice(0, 2)
          .map(([name, value], i) => ({ property_id: 513 + i, property_name: name, values: [value] })),
        offerings: [
          {
            price: majorUnits(v.price.amount, v.price.currency),
            quantity: v.quantity,
            is_enabled: v.quantity > 0,
          },
        ],
      })),
      price_on_property: draft.variants.length > 1 ? [513] : [],
      quantity_on_property: draft.variants.length > 1 ? [513] : [],
      sku_on_property: draft.variants.length > 1 ? [513] : [],
    });
    if (res.status === 404) throw new RemoteListingGone(`Etsy has no listing ${externalId}`);
    if (res.status !== 200) throw this.refusal(res);
  }

  async deactivate(account: ChannelAccount, externalId: string): Promise<void> {
    try {
      await this.patch(account, externalId, { state: 'inactive' });
    } catch (err) {
      // A listing deleted on Etsy is as off sale as it gets.
      if (!(err instanceof RemoteListingGone)) throw err;
    }
  }

  private async patch(account: ChannelAccount, id: string, fields: Record<string, unknown>): Promise<void> {
    const res = await this.client.call(
      account,
      'PATCH',
      `/v3/application/shops/${account.credentials.shopId}/listings/${id}`,
      fields,
    );
    if (res.status === 404) throw new RemoteListingGone(`Etsy has no listing ${id}`);
    if (res.status !== 200) throw this.refusal(res);
  }

  async *listRemote(account: ChannelAccount): AsyncIterable<RemoteListing> {
    for await (const listing of this.shopListings(account)) {
      yield {
        externalId: String(listing.listing_id),
        reference: null,
        fingerprint: fingerprintOf(listing.title, listing.state, listing.quantity),
      };
    }
  }

  fingerprint(draft: ListingDraft): string {
    const quantity = draft.variants.reduce((n, v) => n + v.quantity, 0);
    return fingerprintOf(draft.title.en ?? '', draft.active ? 'active' : 'inactive', quantity);
  }

  /**
   * After a crash between Etsy's answer to a create and our record of it, the listing exists
   * without us knowing its id: a draft with the title we sent then (the product may have been
   * edited since) and no SKU yet, made since, or one carrying our SKUs.
   */
  private async findOrphan(
    account: ChannelAccount,
    draft: ListingDraft,
    unfinished: { startedAt: Date; marker: string },
  ): Promise<string | null> {
    const skus = new Set(draft.variants.map((v) => v.sku));
    const after = Math.floor(unfinished.startedAt.getTime() / 1000) - 60;
    for await (const l of this.shopListings(account)) {
      if ((l.skus ?? []).some((s: string) => skus.has(s))) return String(l.listing_id);
      if (l.title === unfinished.marker && l.created_timestamp >= after && (l.skus ?? []).length === 0)
        return String(l.listing_id);
    }
    return null;
  }

  private async *shopListings(account: ChannelAccount): AsyncIterable<any> {
    for (const state of ['active', 'inactive', 'draft', 'sold_out']) {
      for (let offset = 0; ; offset += 100) {
        const path = `/v3/application/shops/${account.credentials.shopId}/listings?state=${state}&limit=100&offset=${offset}`;
        const res = await this.client.call(account, 'GET', path);
        if (res.status !== 200) throw this.refusal(res);
        yield* res.body.results ?? [];
        if ((res.body.results ?? []).length < 100) break;
      }
    }
  }

  private creation(account: ChannelAccount, draft: ListingDraft) {
    const c = account.credentials;
    const first = draft.variants[0];
    return {
      quantity: draft.variants.reduce((n, v) => n + v.quantity, 0),
      title: draft.title.en,
      description: description(draft),
      price: majorUnits(first.price.amount, first.price.currency),
      who_made: c.whoMade ?? 'collective',
      when_made: c.whenMade ?? 'made_to_order',
      taxonomy_id: Number(c.taxonomyId),
      ...(c.shippingProfileId ? { shipping_profile_id: Number(c.shippingProfileId) } : {}),
      materials: draft.materials,
      type: 'physical',
    };
  }

  private refusal(res: ChannelResponse): Error {
    return new ChannelRefused(`Etsy refused the call: ${describeRefusal(res.status, res.body)}`);
  }
}

/** Our listing as Etsy shows it: the English description, then where and how it was made. */
function description(draft: ListingDraft): string {
  const made = [draft.craft, draft.originCity && `made in ${draft.originCity}, Morocco`]
    .filter(Boolean)
    .join(', ');
  return [draft.description.en ?? draft.description.fr ?? '', made].filter(Boolean).join('\n\n');
}

/** What reconciliation compares: the fields a shop owner may change by hand on Etsy. */
function fingerprintOf(title: string, state: string, quantity: number): string {
  return createHash('sha256').update(`${title}\u0000${state}\u0000${quantity}`).digest('hex').slice(0, 16);
}
