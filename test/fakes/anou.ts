import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The fake channels the sync tests and the bench run against, on 127.0.0.1. This file holds what
 * they share and the Anou fake; test/fakes/etsy.ts holds Etsy's.
 *
 * What the fake channels share: a budget of requests per clock second (and per day) that answers
 * 429 with Retry-After past it, faults injected on the next matching requests, artificial
 * latency, and a log of every request.
 */
export type Fault = 429 | 500 | 502 | 503 | 'timeout' | 'lost-answer';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  body?: any;
}

export interface ChannelServerOptions {
  /** Requests per clock second before 429s (default: unlimited). */
  perSecond?: number;
  perDay?: number;
  /** Milliseconds every answer waits. */
  latencyMs?: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (req: IncomingMessage, url: URL, body: any) => Reply | Promise<Reply>;

export class ChannelServer {
  readonly log: LoggedRequest[] = [];
  /** 429s answered because the budget was spent (not the injected ones). */
  overLimit = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private faults: { fault: Fault; match: (method: string, path: string) => boolean }[] = [];
  private second = 0;
  private inSecond = 0;
  private today = 0;
  url = '';

  constructor(
    private readonly options: ChannelServerOptions,
    private readonly route: Route,
    /** Requests that do not count against the budget nor take faults (OAuth token, say). */
    private readonly exempt: (path: string) => boolean = () => false,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` requests matching (method and path regex) get `fault`. */
  inject(fault: Fault, times = 1, method?: string, path?: RegExp): void {
    for (let i = 0; i < times; i++) {
      this.faults.push({
        fault,
        match: (m, p) => (!method || method === m) && (!path || path.test(p)),
      });
    }
  }

  setLimits(options: ChannelServerOptions): void {
    Object.assign(this.options, options);
  }

  requests(method?: string, path?: RegExp): LoggedRequest[] {
    return this.log.filter((r) => (!method || r.method === method) && (!path || path.test(r.path)));
  }

  /** Most requests served in any one clock second (429s and exempt requests excluded). */
  peakPerSecond(): number {
    const perSecond = new Map<number, number>();
    for (const r of this.log) {
      if (r.status === 429 || this.exempt(r.path)) continue;
      const s = Math.floor(r.at / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    return Math.max(0, ...perSecond.values());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = text;
    try {
      body = text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
    } catch {
      body = text;
    }
    const method = req.method ?? 'GET';
    const entry: LoggedRequest = { method, path: url.pathname, status: 0, at: Date.now(), body };
    this.log.push(entry);
    const send = (reply: Reply) => {
      entry.status = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    if (this.exempt(url.pathname)) return send(await this.route(req, url, body));

    // Counted in the second the budget is spent, which may not be the second it arrived.
    entry.at = Date.now();
    const budget = this.spend();
    if (!budget.ok) {
      this.overLimit++;
      return send({
        status: 429,
        body: { error: 'rate limit exceeded' },
        headers: { ...budget.headers, 'retry-after': '1' },
      });
    }
    const i = this.faults.findIndex((f) => f.match(method, url.pathname));
    const fault = i >= 0 ? this.faults.splice(i, 1)[0].fault : undefined;
    if (fault === 'timeout') return void (entry.status = -1); // never answered, nothing done
    if (typeof fault === 'number') {
      return send({
        status: fault,
        body: { error: 'injected' },
        headers: fault === 429 ? { 'retry-after': '1' } : {},
      });
    }
    const reply = await this.route(req, url, body);
    if (fault === 'lost-answer') return void (entry.status = -reply.status); // done, but the answer never comes
    send({ ...reply, headers: { ...budget.headers, ...reply.headers } });
  }

  private spend(): { ok: boolean; headers: Record<string, string> } {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
    }
    const perSecond = this.options.perSecond ?? Infinity;
    const perDay = this.options.perDay ?? Infinity;
    const ok = this.inSecond < perSecond && this.today < perDay;
    if (ok) {
      this.inSecond++;
      this.today++;
    }
    const headers: Record<string, string> = {};
    if (Number.isFinite(perSecond))
      headers['x-remaining-this-second'] = String(Math.max(0, perSecond - this.inSecond));
    if (Number.isFinite(perDay)) headers['x-remaining-today'] = String(Math.max(0, perDay - this.today));
    return { ok, headers };
  }
}

export interface AnouListing {
  shopId: string;
  reference: string;
  listingId: string;
  status: 'active' | 'inactive';
  contentHash: string;
  body: any;
  createdAt: string;
  updatedAt: string;
}

const ANOU_PATH = /^\/v1\/shops\/([a-z0-9-]+)\/listings(?:\/([0-9a-f-]{36}))?(\/inventory)?$/;

/** Problems with a listing body, as Anou's contract states them (docs/channels/anou.md). */
function anouProblems(body: any, reference: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (body?.contractVersion !== 1) errors.push({ field: 'contractVersion', message: 'must be 1' });
  if (body?.reference !== reference) errors.push({ field: 'reference', message: 'must match the path' });
  if (typeof body?.contentHash !== 'string') errors.push({ field: 'contentHash', message: 'is required' });
  if (!['active', 'inactive'].includes(body?.status))
    errors.push({ field: 'status', message: 'must be active or inactive' });
  if (!body?.title?.fr && !body?.title?.en) errors.push({ field: 'title', message: 'needs fr or en' });
  if (!Array.isArray(body?.images) || body.images.length === 0)
    errors.push({ field: 'images', message: 'Anou lists no product without a photo' });
  if (!Array.isArray(body?.variants) || body.variants.length === 0)
    errors.push({ field: 'variants', message: 'at least one' });
  (body?.variants ?? []).forEach((v: any, i: number) => {
    if (!Number.isInteger(v?.price?.amount) || v.price.amount <= 0)
      errors.push({
        field: `variants[${i}].price.amount`,
        message: 'must be a positive integer (minor units)',
      });
    if (!Number.isInteger(v?.quantity) || v.quantity < 0)
      errors.push({ field: `variants[${i}].quantity`, message: 'must be an integer ≥ 0' });
  });
  return errors;
}

/** Anou, speaking our listing contract: PUT by our reference, inventory, list. */
export class FakeAnou {
  readonly listings = new Map<string, AnouListing>();
  /** Every content accepted, in order: the same (reference, contentHash) twice is a duplicate push. */
  readonly pushes: { reference: string; contentHash: string; kind: 'listing' | 'inventory'; at: number }[] =
    [];
  readonly server: ChannelServer;
  private nextId = 1000;

  private constructor(
    options: ChannelServerOptions,
    private readonly tokens?: Record<string, string>,
  ) {
    this.server = new ChannelServer(options, (req, url, body) => this.route(req, url, body));
  }

  static async start(
    options: ChannelServerOptions & { tokens?: Record<string, string> } = {},
  ): Promise<FakeAnou> {
    const fake = new FakeAnou(options, options.tokens);
    await fake.server.start();
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  listing(reference: string): AnouListing | undefined {
    return [...this.listings.values()].find((l) => l.reference === reference);
  }

  pushesOf(reference: string) {
    return this.pushes.filter((p) => p.reference === reference);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private route(req: IncomingMessage, url: URL, body: any): Reply {
    const match = ANOU_PATH.exec(url.pathname);
    if (!match) return { status: 404, body: { detail: 'no such route' } };
    const [, shopId, reference, inventory] = match;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || (this.tokens && this.tokens[token] !== shopId))
      return { status: 401, body: { detail: 'unknown partner token for this shop' } };
    if (req.headers['souk-contract-version'] !== '1')
      return { status: 400, body: { detail: 'Souk-Contract-Version 1 is the only version' } };
    const key = `${shopId}/${reference}`;
    const now = new Date().toISOString();

    if (req.method === 'GET' && !reference) {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 100));
      const after = url.searchParams.get('cursor') ?? '';
      const all = [...this.listings.values()]
        .filter((l) => l.shopId === shopId && l.reference > after)
        .sort((a, b) => a.reference.localeCompare(b.reference));
      const page = all.slice(0, limit);
      return {
        status: 200,
        body: {
          items: page.map(({ reference, listingId, status, contentHash, updatedAt }) => ({
            reference,
            listingId,
            status,
            contentHash,
            updatedAt,
          })),
          nextCursor: all.length > limit ? page[page.length - 1].reference : null,
        },
      };
    }
    if (req.method === 'PUT' && reference && inventory) {
      const listing = this.listings.get(key);
      if (!listing) return { status: 404, body: { detail: `no listing ${reference}` } };
      for (const v of body?.variants ?? []) {
        const mine = listing.body.variants.find((x: any) => x.sku === v.sku);
        if (mine) Object.assign(mine, { price: v.price, quantity: v.quantity });
      }
      Object.assign(listing, { contentHash: body.contentHash, updatedAt: now });
      this.pushes.push({ reference, contentHash: body.contentHash, kind: 'inventory', at: Date.now() });
      return { status: 200, body: this.view(listing) };
    }
    if (req.method === 'PUT' && reference) {
      const errors = anouProblems(body, reference);
      if (errors.length > 0) return { status: 422, body: { title: 'The listing is not valid', errors } };
      const existing = this.listings.get(key);
      const listing: AnouListing = {
        shopId,
        reference,
        listingId: existing?.listingId ?? `anou-${this.nextId++}`,
        status: body.status,
        contentHash: body.contentHash,
        body,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      this.listings.set(key, listing);
      this.pushes.push({ reference, contentHash: body.contentHash, kind: 'listing', at: Date.now() });
      return { status: existing ? 200 : 201, body: this.view(listing) };
    }
    return { status: 405, body: { detail: 'method not allowed' } };
  }

  private view(l: AnouListing) {
    return {
      reference: l.reference,
      listingId: l.listingId,
      status: l.status,
      contentHash: l.contentHash,
      updatedAt: l.updatedAt,
    };
  }
}
