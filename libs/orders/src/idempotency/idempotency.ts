import { Injectable } from '@nestjs/common';
import { Problem, ProblemBody, problemType, Sql, type SqlRunner } from '@souk/platform';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a duplicate waits for the first request's answer before it is told to come back. */
const WAIT_MS = 15_000;
/** A claim older than this with no answer belongs to a request that died: the next caller takes over. */
const STALE_MS = 60_000;
const ACCESS_REFUSALS = [401, 403, 404];

export interface Answer<T> {
  status: number;
  body: T;
}

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'committed' | 'done';
  order_id: string | null;
  response_status: number | null;
  response_body: Record<string, unknown> | null;
  age_ms: number;
}

/** The Idempotency-Key header, checked: absent or malformed is a 400 naming it. */
export function requireKey(key: string | undefined): string {
  if (key === undefined || key === '')
    throw Problem.field('Idempotency-Key', 'header is required: a unique value per checkout attempt');
  if (!KEY.test(key)) throw Problem.field('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  return key;
}

/** What `run` hands the work: the claim to mark in the work's own transaction once the order exists. */
export interface Claim {
  committed(tx: SqlRunner, orderId: string): Promise<void>;
}

/**
 * Idempotent writes, per (caller, key). The first request claims the key, does the work and stores
 * its answer; the same key with the same body gets that answer again (waiting while the first is in
 * flight), with another body a 422. A claim whose work committed but whose answer was lost (a crash,
 * a provider timeout after commit) is finished by `resume` from what was committed.
 */
@Injectable()
export class Idempotency {
  constructor(private readonly sql: Sql) {}

  async run<T>(
    scope: string,
    key: string,
    requestHash: string,
    work: (claim: Claim) => Promise<Answer<T>>,
    resume: (orderId: string) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    const claimed = await this.sql.one(
      `INSERT INTO idempotency_key (scope, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, requestHash],
    );
    if (claimed) return this.execute(scope, key, work, undefined);

    const until = Date.now() + WAIT_MS;
    for (;;) {
      const row = await this.read(scope, key);
      if (!row) return this.run(scope, key, requestHash, work, resume); // the first attempt gave the key back
      if (row.request_hash !== requestHash) {
        throw new Problem({
          type: problemType('idempotency-key-reused'),
          title: 'Idempotency-Key reused',
          status: 422,
          detail: 'This Idempotency-Key was used with another request body; use a new key for a new checkout',
          errors: [{ field: 'Idempotency-Key', message: 'was already used with another request body' }],
        });
      }
      if (row.state === 'done') return this.replay<T>(row);
      if (row.age_ms > STALE_MS && (await this.takeOver(scope, key, row))) {
        return this.execute(scope, key, work, row.order_id ?? undefined, resume);
      }
      if (Date.now() > until) {
        throw Problem.conflict(
          'A request with this Idempotency-Key is still being processed; retry it in a few seconds',
          { errors: [{ field: 'Idempotency-Key', message: 'is in use by a request still in progress' }] },
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async execute<T>(
    scope: string,
    key: string,
    work: (claim: Claim) => Promise<Answer<T>>,
    orderId: string | undefined,
    resume?: (orderId: string) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    const claim: Claim = {
      committed: async (tx, id) => {
        await tx.rows(
          `UPDATE idempotency_key SET state = 'committed', order_id = $3, updated_at = now()
            WHERE scope = $1 AND key = $2`,
          [scope, key, id],
        );
      },
    };
    try {
      const answer = orderId !== undefined ? await resume!(orderId) : await work(claim);
      await this.store(scope, key, answer.status, answer.body);
      return answer;
    } catch (err) {
      const committed = (await this.read(scope, key))?.state === 'committed';
      if (committed) {
        // The order exists; a retry with this key finishes the answer from it, without waiting.
        await this.sql.rows(
          `UPDATE idempotency_key SET updated_at = now() - interval '1 hour' WHERE scope = $1 AND key = $2`,
          [scope, key],
        );
      } else if (
        err instanceof Problem &&
        err.body.status < 500 &&
        !ACCESS_REFUSALS.includes(err.body.status)
      ) {
        // A refusal is an answer too: the same request gets it again. Not a refused access: the
        // caller may come back with the credential it forgot, under the same key.
        await this.store(scope, key, err.body.status, err.body);
      } else {
        // Nothing was written: give the key back so a retry runs afresh.
        await this.sql.rows(`DELETE FROM idempotency_key WHERE scope = $1 AND key = $2`, [scope, key]);
      }
      throw err;
    }
  }

  private read(scope: string, key: string): Promise<KeyRow | undefined> {
    return this.sql.one<KeyRow>(
      `SELECT request_hash, state, order_id, response_status, response_body,
              (extract(epoch FROM now() - updated_at) * 1000)::float8 AS age_ms
         FROM idempotency_key WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
  }

  /** Takes a stale claim over, once: only one of several waiting callers wins the guarded UPDATE. */
  private async takeOver(scope: string, key: string, row: KeyRow): Promise<boolean> {
    const taken = await this.sql.rows(
      `UPDATE idempotency_key SET updated_at = now()
        WHERE scope = $1 AND key = $2 AND state = $3 AND updated_at < now() - $4 * interval '1 millisecond'
        RETURNING key`,
      [scope, key, row.state, STALE_MS],
    );
    return taken.length === 1;
  }

  private async store(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.sql.rows(
      `UPDATE idempotency_key SET state = 'done', response_status = $3, response_body = $4::jsonb, updated_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body)],
    );
  }

  private replay<T>(row: KeyRow): Answer<T> {
    if (row.response_status! >= 400) {
      const body = { ...(row.response_body as ProblemBody) };
      delete body.requestId;
      throw new Problem(body);
    }
    return { status: row.response_status!, body: row.response_body as T };
  }
}
