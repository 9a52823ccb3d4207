import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CmiFake, type CmiFakeOptions } from './cmi-fake';
import { readRequest, type SimRequest, type SimResponse } from './http-kit';
import { MastercardFake, type MastercardFakeOptions } from './mastercard-fake';
import { StripeFake, type StripeFakeOptions } from './stripe-fake';

/** A failure to play on the next matching requests: an error status, a delay, or both. */
export interface SimFault {
  method?: string;
  /** Matched against the path (a string must be contained in it). */
  path?: RegExp | string;
  /** Matched against the request body (a string must be contained in it). */
  requestBody?: RegExp | string;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Do the work, then answer late (or with `status`): the caller cannot tell it was done. */
  afterProcessing?: boolean;
  /** How many requests it applies to (default 1). */
  times?: number;
}

export interface Delivery {
  provider: 'mastercard' | 'cmi' | 'stripe';
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number | null;
  answer: string;
  at: Date;
}

export interface GatewaySimulatorOptions {
  host?: string;
  port?: number;
  mastercard: MastercardFakeOptions;
  cmi: CmiFakeOptions;
  stripe: StripeFakeOptions;
  /** Attempts per outgoing notification (the first included). */
  notificationAttempts?: number;
}

/** What the fakes share: their public URL and the way they post notifications. */
export interface SimulatorContext {
  readonly url: string;
  deliver(
    provider: Delivery['provider'],
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Delivery>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Mastercard Gateway, CMI and Stripe, faked on one local port: the same code serves the tests
 * (started on 127.0.0.1, port 0, with faults injected) and development machines without gateway
 * credentials (started inside the API, with hosted pages where the buyer approves or declines).
 */
export class GatewaySimulator implements SimulatorContext {
  readonly mastercard: MastercardFake;
  readonly cmi: CmiFake;
  readonly stripe: StripeFake;
  readonly deliveries: Delivery[] = [];
  readonly requests: { method: string; path: string; at: Date }[] = [];
  private faults: (SimFault & { left: number })[] = [];
  private url_ = '';
  private readonly inflight = new Set<Promise<unknown>>();

  private constructor(
    private readonly server: Server,
    private readonly opts: GatewaySimulatorOptions,
  ) {
    this.mastercard = new MastercardFake(this, opts.mastercard);
    this.cmi = new CmiFake(this, opts.cmi);
    this.stripe = new StripeFake(this, opts.stripe);
  }

  static async start(opts: GatewaySimulatorOptions): Promise<GatewaySimulator> {
    const server = createServer();
    const sim = new GatewaySimulator(server, opts);
    server.on('request', (req, res) => {
      void (async () => {
        const request = await readRequest(req);
        const answer = await sim
          .handle(request)
          .catch((err: Error): SimResponse => ({ status: 500, body: `simulator error: ${err.message}` }));
        if (answer === null) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body);
      })();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = (opts.host ?? '127.0.0.1') === '0.0.0.0' ? 'localhost' : (opts.host ?? '127.0.0.1');
    sim.url_ = `http://${host}:${address.port}`;
    return sim;
  }

  get url(): string {
    return this.url_;
  }

  /** Plays `fault` on the next matching requests. */
  fail(fault: SimFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  countRequests(method: string, path: RegExp | string): number {
    return this.requests.filter((r) => r.method === method && matches(r.path, path)).length;
  }

  /** Waits until every notification under way has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async deliver(
    provider: Delivery['provider'],
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Delivery> {
    const work = this.deliverWithRetries(provider, url, headers, body);
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }

  private async deliverWithRetries(
    provider: Delivery['provider'],
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Delivery> {
    const attempts = this.opts.notificationAttempts ?? 3;
    let delivery!: Delivery;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      delivery = { provider, url, headers, body, status: null, answer: '', at: new Date() };
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'x-notification-attempt': String(attempt) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        delivery.status = res.status;
        delivery.answer = await res.text();
      } catch (err) {
        delivery.answer = (err as Error).message;
      }
      this.deliveries.push(delivery);
      if (delivery.status !== null && delivery.status < 300) break;
      if (attempt < attempts) await sleep(250 * 4 ** (attempt - 1));
    }
    return delivery;
  }

  /** Returns null to drop the connection without an answer. */
  private async handle(req: SimRequest): Promise<SimResponse | null> {
    this.requests.push({ method: req.method, path: req.path, at: new Date() });
    const fault = this.takeFault(req);
    const route = () => this.route(req);
    if (!fault) return route();
    if (fault.afterProcessing) {
      const done = await route();
      if (fault.delayMs) await sleep(fault.delayMs);
      return fault.status ? faultAnswer(fault) : done;
    }
    if (fault.delayMs) await sleep(fault.delayMs);
    return fault.status ? faultAnswer(fault) : route();
  }

  private async route(req: SimRequest): Promise<SimResponse> {
    const answer =
      (await this.mastercard.handle(req)) ?? (await this.cmi.handle(req)) ?? (await this.stripe.handle(req));
    return answer ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  }

  private takeFault(req: SimRequest): SimFault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === req.method) &&
        (!f.path || matches(req.path, f.path)) &&
        (!f.requestBody || matches(req.text, f.requestBody)),
    );
    if (fault) fault.left--;
    this.faults = this.faults.filter((f) => f.left > 0);
    return fault;
  }
}

const matches = (path: string, pattern: RegExp | string) =>
  typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);

const faultAnswer = (f: SimFault): SimResponse => ({
  status: f.status!,
  headers: { 'content-type': 'application/json', ...(f.headers ?? {}) },
  body: f.body ?? JSON.stringify({ error: { message: `simulated failure ${f.status}` } }),
});
