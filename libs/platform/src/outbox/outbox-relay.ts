import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Client } from 'pg';
import { Counter, Gauge, Histogram } from 'prom-client';
import { SOUK_CONFIG } from '../config/config.module';
import type { SoukConfig } from '../config/env';
import { Sql } from '../database/sql';
import { Metrics } from '../observability/metrics';
import { OUTBOX_CHANNEL } from './outbox';
import {
  type OutboxHandler,
  OutboxSubscriber,
  type OutboxSubscription,
  type RelayedEvent,
} from './outbox-subscriber';

interface Subscriber extends OutboxSubscription {
  handler: OutboxHandler;
}

interface ClaimedRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  created_at: Date;
  attempts: number;
  delivered_to: string[];
}

export const OUTBOX_BATCH_SIZE = 200;
const MAX_BACKOFF_MS = 5 * 60_000;
const NOTIFY_GATHER_MS = 10;

/**
 * Moves outbox rows to their subscribers. Claims a batch with FOR UPDATE SKIP LOCKED in one
 * statement that also pushes `available_at` past a lease, so several relays never take the same
 * rows and no network call runs inside a transaction; a relay that dies leaves its claim to
 * expire. Woken by NOTIFY at commit, with a periodic poll as the fallback. Failed deliveries come
 * back with exponential backoff, only to the subscribers that have not taken them yet.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private subscribers: Subscriber[] = [];
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private woken?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly relayed: Counter<'type'>;
  private readonly failures: Counter<'subscriber'>;
  private readonly lag: Histogram;

  constructor(
    private readonly sql: Sql,
    private readonly discovery: DiscoveryService,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
    metrics: Metrics,
  ) {
    const registers = [metrics.registry];
    this.relayed = new Counter({
      name: 'outbox_events_relayed_total',
      help: 'Outbox events handed to every subscriber that takes them, by type',
      labelNames: ['type'],
      registers,
    });
    this.failures = new Counter({
      name: 'outbox_delivery_failures_total',
      help: 'Batches a subscriber failed to take (they are retried with backoff)',
      labelNames: ['subscriber'],
      registers,
    });
    this.lag = new Histogram({
      name: 'outbox_relay_lag_seconds',
      help: 'Time from an event being written to it being handed over',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    const sqlRef = this.sql;
    new Gauge({
      name: 'outbox_pending_events',
      help: 'Outbox events not yet handed to all their subscribers',
      registers,
      async collect() {
        const row = await sqlRef.one<{ n: string }>(
          `SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL`,
        );
        this.set(Number(row?.n ?? 0));
      },
    });
  }

  /** The subscribers found at start, for diagnostics and tests. */
  get subscriptions(): OutboxSubscription[] {
    return this.subscribers.map(({ name, types }) => ({ name, types }));
  }

  onApplicationBootstrap(): void {
    this.subscribers = this.discovery
      .getProviders({ metadataKey: OutboxSubscriber.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({
        ...this.discovery.getMetadataByDecorator(OutboxSubscriber, wrapper)!,
        handler: wrapper.instance as OutboxHandler,
      }));
    const names = this.subscribers.map((s) => s.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`two outbox subscribers are named ${twice}`);
    this.log.log({ subscribers: names }, 'outbox relay started');
    void this.listen();
    this.poll = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.poll.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.woken);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running;
  }

  /**
   * A drain a few milliseconds after a NOTIFY, so that a burst of commits (one per sync job, say)
   * is taken in one batch rather than one claim each.
   */
  private soon(): void {
    if (this.woken) return;
    this.woken = setTimeout(() => {
      this.woken = undefined;
      this.wake();
    }, NOTIFY_GATHER_MS);
  }

  /** Asks for a drain; calls during a drain make it go round once more. */
  wake(): void {
    if (this.stopped) return;
    this.again = true;
    if (!this.running) this.running = this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    while (this.again && !this.stopped) {
      this.again = false;
      try {
        while ((await this.relayBatch()) === OUTBOX_BATCH_SIZE && !this.stopped);
      } catch (err) {
        // The database is away: the next poll tries again.
        this.log.warn({ err: (err as Error).message }, 'outbox relay could not read the outbox');
        return;
      }
    }
  }

  /** Claims one batch, hands it over, records the outcome; returns how many events were claimed. */
  async relayBatch(): Promise<number> {
    const rows = await this.sql.rows<ClaimedRow>(
      `UPDATE outbox_event e
          SET available_at = now() + make_interval(secs => $2), attempts = e.attempts + 1
         FROM (SELECT id FROM outbox_event
                WHERE sent_at IS NULL AND available_at <= now()
                ORDER BY available_at, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED) claimed
        WHERE e.id = claimed.id
        RETURNING e.id::text, e.type, e.aggregate_type, e.aggregate_id, e.payload, e.created_at, e.attempts,
                  e.delivered_to`,
      [OUTBOX_BATCH_SIZE, this.config.OUTBOX_LEASE_SECONDS],
    );
    if (rows.length === 0) return 0;
    rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));

    const taken = new Map<string, string[]>(rows.map((r) => [r.id, []]));
    const errors = new Map<string, string>();
    await Promise.all(
      this.subscribers.map(async (s) => {
        const mine = rows.filter((r) => s.types.includes(r.type) && !r.delivered_to.includes(s.name));
        if (mine.length === 0) return;
        try {
          await this.withTimeout(s.handler.deliver(mine.map(toEvent)), s.name);
          for (const r of mine) taken.get(r.id)!.push(s.name);
        } catch (err) {
          this.failures.inc({ subscriber: s.name });
          this.log.warn(
            { err: (err as Error).message, subscriber: s.name, events: mine.length },
            'delivery failed',
          );
          for (const r of mine) errors.set(r.id, `${s.name}: ${(err as Error).message}`.slice(0, 1000));
        }
      }),
    );

    const outcome = rows.map((r) => {
      const done = !errors.has(r.id);
      if (done) {
        this.relayed.inc({ type: r.type });
        this.lag.observe((Date.now() - r.created_at.getTime()) / 1000);
      }
      return {
        id: r.id,
        taken: taken.get(r.id),
        done,
        error: errors.get(r.id) ?? null,
        delay_ms: backoff(r.attempts),
      };
    });
    await this.sql.rows(
      `UPDATE outbox_event e
          SET delivered_to = ARRAY(SELECT DISTINCT unnest(e.delivered_to || x.taken)),
              sent_at = CASE WHEN x.done THEN now() END,
              available_at = CASE WHEN x.done THEN e.available_at ELSE now() + x.delay_ms * interval '1 millisecond' END,
              last_error = x.error
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, taken text[], done boolean, error text, delay_ms bigint)
        WHERE e.id = x.id`,
      [JSON.stringify(outcome)],
    );
    return rows.length;
  }

  /** A subscriber that hangs (its queue's Redis is away) must not hold the batch past its lease. */
  private withTimeout(work: Promise<void>, name: string): Promise<void> {
    const ms = Math.min(10_000, (this.config.OUTBOX_LEASE_SECONDS * 1000) / 2);
    let timer: NodeJS.Timeout;
    return Promise.race([
      work,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** A dedicated connection LISTENs for commits; it comes back by itself after the database does. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    let lost = false;
    const relisten = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (err && !this.stopped) this.log.warn({ err: err.message }, 'outbox listener lost, reconnecting');
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), 1000).unref();
    };
    client.on('notification', () => this.soon());
    client.on('error', relisten);
    client.on('end', () => relisten());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) return void client.end().catch(() => undefined);
      this.listener = client;
      this.wake();
    } catch (err) {
      relisten(err as Error);
    }
  }
}

const toEvent = (r: ClaimedRow): RelayedEvent => ({
  id: r.id,
  type: r.type,
  aggregateType: r.aggregate_type,
  aggregateId: r.aggregate_id,
  payload: r.payload,
  createdAt: r.created_at,
  attempts: r.attempts,
});

/** 1 s, 2 s, 4 s… up to five minutes, each between half and all of it so retries spread out. */
const backoff = (attempts: number): number =>
  Math.round(Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS) * (0.5 + Math.random() / 2));
