import type { FieldError, Money } from '@souk/platform';

/** A text in the marketplace's locales; a locale left out is null. */
export interface LocalizedText {
  fr: string | null;
  en: string | null;
  ar: string | null;
}

export interface DraftVariant {
  sku: string;
  options: Record<string, string>;
  /** In the currency the channel lists in (see ListingChannel.currency). */
  price: Money;
  /** Units the channel may sell: stock minus units reserved by open checkouts. */
  quantity: number;
}

/**
 * What a product should look like on a channel, in the marketplace's words. Every connector maps
 * it to its own API; its hash decides whether a sync has anything to do.
 */
export interface ListingDraft {
  /** Our listing id on every channel: the product id. */
  reference: string;
  slug: string;
  cooperativeId: string;
  /** False when the product is not sellable (archived, draft, sold out, or no longer chosen). */
  active: boolean;
  title: LocalizedText;
  description: LocalizedText;
  craft: string;
  materials: string[];
  originCity: string | null;
  hsCode: string;
  images: string[];
  variants: DraftVariant[];
}

/** One cooperative's account on a channel, with its credentials opened for this call. */
export interface ChannelAccount {
  connectionId: string;
  cooperativeId: string;
  /** Replaced by saveCredentials. */
  credentials: Readonly<Record<string, string>>;
  /** Stores credentials the channel rotated (OAuth refresh), sealed like the first ones, and uses them from then on. */
  saveCredentials(next: Record<string, string>): Promise<void>;
  /** The credentials as stored now (another worker may have rotated them). */
  reloadCredentials(): Promise<Record<string, string>>;
  /** Tells the queue to hold back for `ms` (the channel said its budget is spent). */
  throttle(ms: number): Promise<void>;
}

/** A listing as the channel holds it, for reconciliation. */
export interface RemoteListing {
  externalId: string;
  /** Our reference, when the channel keeps it (Anou does; Etsy through the SKUs). */
  reference: string | null;
  /** Comparable with ListingChannel.fingerprint(draft): equal when the channel holds our content. */
  fingerprint: string;
}

export interface CreateHooks {
  /**
   * Set when an earlier create may have reached the channel without its answer being recorded:
   * when it started and the marker the connector gave then, to find that listing by.
   */
  unfinishedCreate: { startedAt: Date; marker: string } | null;
  /** Called just before a create is sent, with what would identify it on the channel. */
  beforeCreate(marker: string): Promise<void>;
  /** Called with the channel's id as soon as the create is answered, before anything else. */
  created(externalId: string): Promise<void>;
}

/**
 * One external sales channel. A new channel is one new file implementing this, named in
 * channels/index.ts, with its base URL in the configuration.
 */
export interface ListingChannel {
  /** `etsy`, `anou`: also the queue's suffix (`listing-sync-etsy`). */
  readonly name: string;
  /** The channel's published request budget, before LISTING_SYNC_RATE_LIMITS overrides it. */
  readonly requestsPerSecond: number;
  /** Requests a typical sync makes (update plus inventory), to turn the budget into jobs per second. */
  readonly requestsPerSync: number;

  /** Problems with the credentials a cooperative gives when it connects (fields under `credentials.`). */
  credentialProblems(credentials: Record<string, unknown>): FieldError[];
  /** The currency the account lists in, from its credentials. */
  currency(credentials: Readonly<Record<string, string>>): string;
  /** Reasons the channel would refuse the listing, found before calling it; empty when it is fine. */
  validate(draft: ListingDraft): string[];

  /** Creates the listing, or updates every field of `externalId`; returns the channel's id. */
  upsert(
    account: ChannelAccount,
    draft: ListingDraft,
    externalId: string | null,
    hooks: CreateHooks,
  ): Promise<string>;
  /** Price and quantity only, when nothing else changed. */
  setInventory(account: ChannelAccount, externalId: string, draft: ListingDraft): Promise<void>;
  /** Takes the listing off sale (idempotent). */
  deactivate(account: ChannelAccount, externalId: string, draft: ListingDraft): Promise<void>;
  /** Every listing of the account, for the nightly reconciliation. */
  listRemote(account: ChannelAccount): AsyncIterable<RemoteListing>;
  /** The fingerprint the channel would report for this draft once synced. */
  fingerprint(draft: ListingDraft): string;
}
