import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ChannelServer, type ChannelServerOptions, type Reply } from './anou';

/**
 * Etsy Open API v3 as far as listing sync uses it: OAuth2 refresh with rotating refresh tokens,
 * `x-api-key: keystring:shared_secret`, draft listings, PATCH, inventory, shop listings, and
 * 10 requests a second by default with x-remaining-this-second / x-remaining-today.
 */
export interface EtsyListing {
  listing_id: number;
  shop_id: number;
  title: string;
  description: string;
  state: 'draft' | 'active' | 'inactive' | 'sold_out';
  quantity: number;
  price: { amount: number; divisor: number; currency_code: string };
  skus: string[];
  materials: string[];
  who_made: string;
  when_made: string;
  taxonomy_id: number;
  products: any[];
  created_timestamp: number;
  updated_timestamp: number;
}

const WHO_MADE = ['i_did', 'someone_else', 'collective'];
const token = () => `12345678.${randomBytes(18).toString('base64url')}`;

export class FakeEtsy {
  readonly listings = new Map<number, EtsyListing>();
  readonly server: ChannelServer;
  readonly keystring = 'souktestkeystring01';
  readonly sharedSecret = 'souktestsecret01';
  readonly shopId = 48151623;
  refreshes = 0;
  private accessTokens = new Set<string>();
  private refreshToken = token();
  private readonly firstAccessToken = token();
  private nextId = 1_500_000_001;

  private constructor(options: ChannelServerOptions) {
    this.accessTokens.add(this.firstAccessToken);
    this.server = new ChannelServer(
      { perSecond: 10, perDay: 10_000, ...options },
      (req, url, body) => this.route(req, url, body),
      (path) => path === '/v3/public/oauth/token',
    );
  }

  static async start(options: ChannelServerOptions = {}): Promise<FakeEtsy> {
    const fake = new FakeEtsy(options);
    await fake.server.start();
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** What a cooperative gives when it connects its shop. */
  credentials(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      keystring: this.keystring,
      sharedSecret: this.sharedSecret,
      accessToken: this.firstAccessToken,
      refreshToken: this.refreshToken,
      shopId: String(this.shopId),
      taxonomyId: '1',
      currency: 'USD',
      ...overrides,
    };
  }

  /** Every access token stops working: the next call gets 401 and must refresh. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  withSku(sku: string): EtsyListing[] {
    return [...this.listings.values()].filter((l) => l.skus.includes(sku));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private route(req: IncomingMessage, url: URL, body: any): Reply {
    const path = url.pathname;
    if (path === '/v3/public/oauth/token') return this.token(body);
    if (req.headers['x-api-key'] !== `${this.keystring}:${this.sharedSecret}`)
      return { status: 403, body: { error: 'Invalid API key: expected keystring:shared_secret' } };
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.accessTokens.has(bearer)) return { status: 401, body: { error: 'invalid_token' } };

    let m: RegExpExecArray | null;
    if ((m = /^\/v3\/application\/shops\/(\d+)\/listings$/.exec(path))) {
      if (Number(m[1]) !== this.shopId) return { status: 403, body: { error: 'not your shop' } };
      return req.method === 'POST' ? this.create(body) : this.list(url);
    }
    if ((m = /^\/v3\/application\/shops\/(\d+)\/listings\/(\d+)$/.exec(path)) && req.method === 'PATCH') {
      return this.update(Number(m[2]), body);
    }
    if ((m = /^\/v3\/application\/listings\/(\d+)\/inventory$/.exec(path)) && req.method === 'PUT') {
      return this.inventory(Number(m[1]), body);
    }
    if ((m = /^\/v3\/application\/listings\/(\d+)$/.exec(path))) {
      const listing = this.listings.get(Number(m[1]));
      if (!listing) return { status: 404, body: { error: 'listing not found' } };
      if (req.method === 'DELETE') {
        this.listings.delete(listing.listing_id);
        return { status: 204 };
      }
      return { status: 200, body: listing };
    }
    return { status: 404, body: { error: `no route ${req.method} ${path}` } };
  }

  private token(body: string): Reply {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token' || form.get('client_id') !== this.keystring)
      return { status: 400, body: { error: 'invalid_request' } };
    if (form.get('refresh_token') !== this.refreshToken)
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'refresh token already used or unknown' },
      };
    this.refreshes++;
    const access = token();
    this.accessTokens.add(access);
    this.refreshToken = token();
    return {
      status: 200,
      body: {
        access_token: access,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: this.refreshToken,
      },
    };
  }

  private create(b: any): Reply {
    const errors: string[] = [];
    if (!Number.isInteger(b?.quantity) || b.quantity < 1 || b.quantity > 999)
      errors.push('quantity must be 1 to 999');
    if (typeof b?.title !== 'string' || !b.title || b.title.length > 140)
      errors.push('title must be 1 to 140 characters');
    if (typeof b?.description !== 'string') errors.push('description is required');
    if (typeof b?.price !== 'number' || b.price < 0.2) errors.push('price must be at least 0.20');
    if (!WHO_MADE.includes(b?.who_made)) errors.push('who_made is not valid');
    if (typeof b?.when_made !== 'string') errors.push('when_made is required');
    if (!Number.isInteger(b?.taxonomy_id)) errors.push('taxonomy_id is required');
    if (errors.length > 0) return { status: 400, body: { error: errors.join('; ') } };
    const now = Math.floor(Date.now() / 1000);
    const listing: EtsyListing = {
      listing_id: this.nextId++,
      shop_id: this.shopId,
      title: b.title,
      description: b.description,
      state: 'draft',
      quantity: b.quantity,
      price: { amount: Math.round(b.price * 100), divisor: 100, currency_code: 'USD' },
      skus: [],
      materials: b.materials ?? [],
      who_made: b.who_made,
      when_made: b.when_made,
      taxonomy_id: b.taxonomy_id,
      products: [],
      created_timestamp: now,
      updated_timestamp: now,
    };
    this.listings.set(listing.listing_id, listing);
    return { status: 201, body: listing };
  }

  private update(id: number, b: any): Reply {
    const listing = this.listings.get(id);
    if (!listing) return { status: 404, body: { error: 'listing not found' } };
    if (b.state !== undefined && !['active', 'inactive', 'draft'].includes(b.state))
      return { status: 400, body: { error: 'state is not valid' } };
    if (b.state === 'active' && listing.quantity < 1)
      return { status: 400, body: { error: 'a listing with no quantity cannot be activated' } };
    if (b.title !== undefined && (typeof b.title !== 'string' || b.title.length > 140))
      return { status: 400, body: { error: 'title must be 1 to 140 characters' } };
    for (const k of ['title', 'description', 'materials', 'state'] as const)
      if (b[k] !== undefined) (listing as any)[k] = b[k];
    listing.updated_timestamp = Math.floor(Date.now() / 1000);
    return { status: 200, body: listing };
  }

  private inventory(id: number, b: any): Reply {
    const listing = this.listings.get(id);
    if (!listing) return { status: 404, body: { error: 'listing not found' } };
    const products = b?.products;
    if (!Array.isArray(products) || products.length === 0)
      return { status: 400, body: { error: 'products is required' } };
    for (const p of products) {
      const o = p?.offerings?.[0];
      if (
        typeof p?.sku !== 'string' ||
        !o ||
        typeof o.price !== 'number' ||
        o.price < 0.2 ||
        !Number.isInteger(o.quantity)
      )
        return {
          status: 400,
          body: { error: 'each product needs a sku and one offering with price ≥ 0.20 and quantity' },
        };
    }
    listing.products = products;
    listing.skus = products.map((p: any) => p.sku);
    listing.quantity = products.reduce(
      (n: number, p: any) => n + (p.offerings[0].is_enabled ? p.offerings[0].quantity : 0),
      0,
    );
    listing.price = {
      amount: Math.round(products[0].offerings[0].price * 100),
      divisor: 100,
      currency_code: 'USD',
    };
    if (listing.quantity === 0 && listing.state === 'active') listing.state = 'sold_out';
    listing.updated_timestamp = Math.floor(Date.now() / 1000);
    return { status: 200, body: { products, price_on_property: b.price_on_property ?? [] } };
  }

  private list(url: URL): Reply {
    const state = url.searchParams.get('state') ?? 'active';
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const all = [...this.listings.values()]
      .filter((l) => l.state === state)
      .sort((a, b) => a.listing_id - b.listing_id);
    return { status: 200, body: { count: all.length, results: all.slice(offset, offset + limit) } };
  }
}
