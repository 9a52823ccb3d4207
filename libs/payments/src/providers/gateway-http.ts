/**
 * One HTTP call to a gateway with a deadline. Idempotent calls (retrieves, and writes keyed by our
 * own ids) may be retried on 429, 5xx and refused connections; a timeout is never retried here,
 * because the gateway may have acted: the caller records the outcome as unknown.
 */
export type GatewayErrorKind = 'timeout' | 'unavailable' | 'rejected' | 'network';

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
  }

  /** The gateway may have done what was asked: only a retrieve can tell. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'network';
  }
}

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Extra attempts allowed; only for idempotent requests. */
  retries?: number;
}

export interface GatewayResponse {
  status: number;
  text: string;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryDelay(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_WAIT_MS);
  const base = 200 * 2 ** attempt;
  return Math.min(base / 2 + Math.random() * base, MAX_WAIT_MS);
}

/** Sends the request; answers any status below 400, throws GatewayError otherwise. */
export async function gatewayCall(req: GatewayRequest): Promise<GatewayResponse> {
  const deadline = Date.now() + req.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new GatewayError('timeout', `${req.method} ${req.url} timed out`);
    let response: Response;
    try {
      response = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(remaining),
        redirect: 'manual',
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new GatewayError('timeout', `${req.method} ${req.url} timed out after ${req.timeoutMs} ms`);
      // A refused connection never reached the gateway: safe to try again.
      const refused = e.cause?.code === 'ECONNREFUSED';
      if (refused && attempt < (req.retries ?? 0)) {
        await sleep(Math.min(retryDelay(attempt, null), Math.max(0, deadline - Date.now())));
        continue;
      }
      throw new GatewayError(refused ? 'unavailable' : 'network', `${req.method} ${req.url}: ${e.message}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new GatewayError('timeout', `${req.method} ${req.url} timed out reading the answer`);
    }
    if (response.status < 400) return { status: response.status, text };
    if (RETRYABLE.has(response.status) && attempt < (req.retries ?? 0)) {
      const wait = retryDelay(attempt, response.headers.get('retry-after'));
      if (Date.now() + wait < deadline) {
        await sleep(wait);
        continue;
      }
    }
    throw new GatewayError(
      RETRYABLE.has(response.status) ? 'unavailable' : 'rejected',
      `${req.method} ${req.url} answered ${response.status}`,
      response.status,
      text.slice(0, 2000),
    );
  }
}

export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}
