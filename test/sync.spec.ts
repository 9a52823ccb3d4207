import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNative } from './support/native';
import { testConfig } from './support/test-app';

type ListingSync = typeof import('@souk/listing-sync');

const sync = loadNative<ListingSync>('@souk/listing-sync');
const config = testConfig('postgres://unused@127.0.0.1/unused', { LISTING_SYNC_RATE_LIMITS: 'anou=200' });
const USD = { currency: 'USD', madPerUnit: '9.27', effectiveDate: '2026-11-02', source: 'test' };
const MAD = { currency: 'MAD', madPerUnit: '1', effectiveDate: '2026-11-02', source: 'identity' };

function product(overrides: Record<string, unknown> = {}) {
  return {
    product_id: '6f1c3a52-8d0e-4b8e-9d3c-2b7b8f0e1a11',
    cooperative_id: '0c2d1e9a-3b4f-4c6d-8e7f-9a0b1c2d3e4f',
    product_status: 'active',
    slug: 'blue-safi-bowl',
    title: { fr: 'Bol bleu de Safi', en: 'Blue Safi bowl' },
    description: { en: 'Hand-thrown.' },
    craft: 'pottery',
    materials: ['clay'],
    origin_city: 'Safi',
    hs_code: '691200',
    images: ['https://cdn.souk.dev/p/bowl.jpg'],
    variants: [{ sku: 'SAFI-1', options: { size: '24 cm' }, amount: '45000', currency: 'MAD', available: 7 }],
    ...overrides,
  };
}

describe('canonical content and its hash', () => {
  it('gives the same JSON for the same content, whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(sync.canonicalJson(reversed)).toBe(sync.canonicalJson(object));
        expect(JSON.parse(sync.canonicalJson(object))).toEqual(JSON.parse(JSON.stringify(object)));
      }),
    );
    expect(sync.canonicalJson([2, 1])).not.toBe(sync.canonicalJson([1, 2]));
  });

  it('changes only its inventory half when only price or quantity change', () => {
    const base = sync.hashOf(sync.renderDraft(product(), true, MAD));
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    const restocked = sync.hashOf(
      sync.renderDraft(product({ variants: [{ ...product().variants[0], available: 8 }] }), true, MAD),
    );
    expect(restocked.slice(0, 16)).toBe(base.slice(0, 16));
    expect(restocked.slice(16)).not.toBe(base.slice(16));
    const retitled = sync.hashOf(sync.renderDraft(product({ title: { fr: 'Bol', en: 'Bowl' } }), true, MAD));
    expect(retitled.slice(0, 16)).not.toBe(base.slice(0, 16));
    expect(retitled.slice(16)).toBe(base.slice(16));
  });

  it('renders a product for a channel: converted prices, inactive unless active, chosen and in stock', () => {
    const draft = sync.renderDraft(product(), true, USD);
    expect(draft).toMatchObject({
      active: true,
      title: { ar: null },
      variants: [{ price: { amount: 4854, currency: 'USD' }, quantity: 7 }],
    });
    expect(sync.renderDraft(product({ product_status: 'archived' }), true, USD).active).toBe(false);
    expect(sync.renderDraft(product(), false, USD).active).toBe(false);
    expect(
      sync.renderDraft(product({ variants: [{ ...product().variants[0], available: -1 }] }), true, USD),
    ).toMatchObject({
      active: false,
      variants: [{ quantity: 0 }],
    });
  });
});

describe('what needs a sync', () => {
  const state = {
    resync_requested_at: null,
    synced_hash: 'a',
    status: 'synced',
    pending_hash: 'a',
    external_id: '1',
  };
  it.each([
    ['content the channel holds', {}, 'a', false],
    ['new content', {}, 'b', true],
    ['a resync of unchanged content', { resync_requested_at: new Date() }, 'a', true],
    ['content that already failed for good', { status: 'failed', pending_hash: 'b' }, 'b', false],
    ['new content after a failure', { status: 'failed', pending_hash: 'b' }, 'c', true],
  ])('%s', (_, change, hash, expected) => {
    expect(sync.needsSync({ ...state, ...change } as never, hash as string)).toBe(expected);
  });
});

describe('talking to channels', () => {
  it('reads Retry-After in seconds or as a date, and waits a second when it is missing or garbled', () => {
    expect(sync.retryAfterMs('2')).toBe(2000);
    expect(sync.retryAfterMs('0.5')).toBe(500);
    expect(sync.retryAfterMs(new Date(10_000 + 3_000).toUTCString(), 10_000)).toBe(3000);
    expect(sync.retryAfterMs(null)).toBe(1000);
    expect(sync.retryAfterMs('soon')).toBe(1000);
  });

  it("limits each channel's queue to 95% of its budget, in jobs", () => {
    const channels = new sync.ListingChannels(
      sync.CHANNELS.map((C) => new C(config)),
      config,
    );
    expect(channels.names.sort()).toEqual(['anou', 'etsy']);
    // Etsy: 10 requests a second, a create takes 3.
    expect(channels.limiter(channels.get('etsy'))).toEqual({ max: 1, duration: 316 });
    // Anou overridden to 200 requests a second, one a sync: 19 every 100 ms.
    expect(channels.limiter(channels.get('anou'))).toEqual({ max: 19, duration: 100 });
  });

  it('names the credentials a connector needs, and what a channel would refuse', () => {
    const [etsy, anou] = ['etsy', 'anou'].map((name) =>
      sync.CHANNELS.map((C) => new C(config)).find((c) => c.name === name)!,
    );
    expect(
      etsy
        .credentialProblems({
          keystring: 'k',
          sharedSecret: 's',
          refreshToken: 'r',
          shopId: 'x1',
          taxonomyId: '1',
          whoMade: 'me',
        })
        .map((p) => p.field),
    ).toEqual(['credentials.shopId', 'credentials.whoMade']);
    expect(anou.credentialProblems({ token: 'short', shopId: 'tafoukt' }).map((p) => p.field)).toEqual([
      'credentials.token',
    ]);
    const draft = sync.renderDraft(product({ title: { fr: 'x', en: 'y'.repeat(141) } }), true, USD);
    expect(etsy.validate(draft)).toEqual(['Etsy titles are at most 140 characters']);
    const cheap = sync.renderDraft(
      product({ variants: [{ ...product().variants[0], amount: '100' }] }),
      true,
      USD,
    );
    expect(etsy.validate(cheap)).toEqual(['variant SAFI-1: Etsy prices start at 0.20']);
    expect(anou.validate(cheap)).toEqual([]);
  });
});

describe('sealed channel credentials', () => {
  const vault = new sync.CredentialVault(config);
  const coop = '0c2d1e9a-3b4f-4c6d-8e7f-9a0b1c2d3e4f';

  it('opens what it sealed, and nothing else', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (credentials) => {
        const sealed = vault.seal(credentials, coop, 'etsy');
        expect(vault.open(sealed, coop, 'etsy')).toEqual(credentials);
      }),
      { numRuns: 50 },
    );
    const sealed = vault.seal({ token: 'secret-token-value' }, coop, 'anou');
    expect(sealed.toString('latin1')).not.toContain('secret-token-value');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => vault.open(tampered, coop, 'anou')).toThrow();
    // Bound to its cooperative and channel: a blob moved to another connection does not open.
    expect(() => vault.open(sealed, coop, 'etsy')).toThrow();
    expect(() => vault.open(sealed, '11111111-2222-4333-8444-555555555555', 'anou')).toThrow();
  });

  it('refuses to start in production without CHANNEL_CREDENTIALS_KEY, and keeps a generated key in development', () => {
    expect(() => sync.channelCredentialsKey({ NODE_ENV: 'production', DATA_DIR: '.data' })).toThrow(
      /CHANNEL_CREDENTIALS_KEY is required in production/,
    );
    const given = Buffer.alloc(32, 7).toString('base64');
    expect(
      sync.channelCredentialsKey({
        NODE_ENV: 'production',
        DATA_DIR: '.data',
        CHANNEL_CREDENTIALS_KEY: given,
      }),
    ).toEqual(Buffer.alloc(32, 7));
    const dir = mkdtempSync(join(tmpdir(), 'souk-keys-'));
    const first = sync.channelCredentialsKey({ NODE_ENV: 'development', DATA_DIR: dir });
    expect(first).toHaveLength(32);
    expect(readFileSync(join(dir, 'channel-credentials.key'), 'utf8')).toBe(first.toString('base64'));
    expect(sync.channelCredentialsKey({ NODE_ENV: 'development', DATA_DIR: dir })).toEqual(first);
    rmSync(dir, { recursive: true, force: true });
  });
});
