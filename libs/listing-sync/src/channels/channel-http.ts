/**
 * How a channel call can fail, in terms the sync processor acts on: retry later, wait for the
 * budget, or give up on this content.
 */
export class ChannelRateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    channel: string,
  ) {
    super(`${channel} is over its rate limit; retry in ${retryAfterMs} ms`);
  }
}

/** 5xx, timeouts, refused connections: worth retrying with backoff. */
export class ChannelUnavailable extends Error {}

/** The channel refused the content or the credentials: retrying the same thing will not help. */
export class ChannelRefused extends Error {}

/** The listing we hold an id for is gone from the channel: it must be created again. */
export class RemoteListingGone extends Error {}

export interface ChannelResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** Retry-After in seconds or as an HTTP date; a second when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (!value) return 1000;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Math.ceil(Number(value) * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

/**
 * One HTTP call to a channel with a deadline. 429 and 5xx become errors the processor knows;
 * other statuses are returned for the connector to read.
 */
export async function callChannel(
  channel: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<ChannelResponse> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause as Error)?.message;
    throw new ChannelUnavailable(`${channel} ${init.method} ${new URL(url).pathname}: ${why ?? e.message}`);
  }
  const text = await res.text().catch(() => '');
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  if (res.status === 429) throw new ChannelRateLimited(retryAfterMs(res.headers.get('retry-after')), channel);
  if (res.status >= 500) {
    throw new ChannelUnavailable(
      `${channel} answered ${res.status} to ${init.method} ${new URL(url).pathname}`,
    );
  }
  return { status: res.status, headers: res.headers, body };
}

/** A short, single-line account of a 4xx body for last_error. */
export function describeRefusal(status: number, body: any): string {
  const detail =
    typeof body === 'string'
      ? body
      : (body?.error_description ??
        body?.error ??
        body?.detail ??
        (Array.isArray(body?.errors)
          ? body.errors.map((e: any) => `${e.field}: ${e.message}`).join('; ')
          : JSON.stringify(body)));
  return `${status} ${String(detail).replace(/\s+/g, ' ').slice(0, 500)}`;
}

/**
 * Requests left in the channel's current second, as its last answer said (Etsy's
 * x-remaining-this-second), counted down locally as requests leave: a request waits for the next
 * second rather than spend what the channel said is gone.
 */
export class SecondBudget {
  private second = -1;
  private remaining = Infinity;

  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      if (second !== this.second) {
        this.second = second;
        this.remaining = Infinity;
      }
      if (this.remaining > 0) {
        this.remaining--;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 - (now % 1000) + 5));
    }
  }

  /** What the channel said was left, for requests sent this second. */
  note(remaining: string | null, sentAt: number): void {
    if (remaining === null || !/^\d+$/.test(remaining)) return;
    if (Math.floor(sentAt / 1000) === this.second)
      this.remaining = Math.min(this.remaining, Number(remaining));
  }
}
