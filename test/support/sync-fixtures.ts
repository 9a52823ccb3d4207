import type { Seller } from './catalogue-fixtures';
import type { TestApp } from './test-app';
import { eventually } from './wait';

/**
 * Settings that make the sync quick to observe in tests: short channel timeouts and backoffs,
 * a fast outbox poll, and short leases so a killed worker's claims come back within seconds.
 */
export function syncEnv(urls: { etsy?: string; anou?: string }, extra: Record<string, string> = {}) {
  return {
    ...(urls.etsy ? { ETSY_API_URL: urls.etsy } : {}),
    ...(urls.anou ? { ANOU_API_URL: urls.anou } : {}),
    CHANNEL_TIMEOUT_MS: '1000',
    LISTING_SYNC_BACKOFF_MS: '100',
    LISTING_SYNC_ATTEMPTS: '6',
    LISTING_SYNC_LOCK_MS: '3000',
    OUTBOX_POLL_MS: '250',
    OUTBOX_LEASE_SECONDS: '3',
    ...extra,
  };
}

export const ANOU_TOKEN = 'anou-partner-token-0123456789';
export const anouCredentials = (shopId = 'tafoukt') => ({ token: ANOU_TOKEN, shopId });

export interface ListingRow {
  id: string;
  product_id: string;
  channel: string;
  status: 'pending' | 'synced' | 'failed';
  selected: boolean;
  external_id: string | null;
  synced_hash: string | null;
  pending_hash: string | null;
  synced_at: Date | null;
  last_error: string | null;
  attempts: number;
  resync_requested_at: Date | null;
  create_started_at: Date | null;
}

/** POST /v1/cooperatives/:id/channels as the seller. */
export const connectChannel = (t: TestApp, seller: Seller, body: Record<string, unknown>) =>
  t.http().post(`/v1/cooperatives/${seller.coop.id}/channels`).set('authorization', seller.auth).send(body);

export async function listingRow(
  t: TestApp,
  productId: string,
  channel: string,
): Promise<ListingRow | undefined> {
  const { rows } = await t.db.query<ListingRow>(
    `SELECT * FROM channel_listing WHERE product_id = $1 AND channel = $2`,
    [productId, channel],
  );
  return rows[0];
}

/** Waits until the listing's row satisfies `check`; returns it. */
export async function listingWhen(
  t: TestApp,
  productId: string,
  channel: string,
  check: (row: ListingRow) => boolean,
  ms = 20_000,
  what = 'listing state',
): Promise<ListingRow> {
  let row: ListingRow | undefined;
  await eventually(async () => !!(row = await listingRow(t, productId, channel)) && check(row), ms, what);
  return row!;
}

/** Every outbox event handed over: nothing is left behind. */
export async function outboxDrained(t: TestApp, ms = 20_000): Promise<void> {
  await eventually(
    async () => (await t.db.query(`SELECT 1 FROM outbox_event WHERE sent_at IS NULL LIMIT 1`)).rowCount === 0,
    ms,
    'outbox drained',
  );
}

/** PATCH /v1/products/:id as the seller; fails loudly on anything but 200. */
export async function editProduct(t: TestApp, seller: Seller, id: string, body: Record<string, unknown>) {
  const res = await t.http().patch(`/v1/products/${id}`).set('authorization', seller.auth).send(body);
  if (res.status !== 200) throw new Error(`edit product: ${res.status} ${res.text}`);
  return res.body;
}
