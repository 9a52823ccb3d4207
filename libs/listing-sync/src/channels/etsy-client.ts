import type { SoukConfig } from '@souk/platform';
import {
  callChannel,
  ChannelRefused,
  describeRefusal,
  SecondBudget,
  type ChannelResponse,
} from './channel-http';
import type { ChannelAccount } from './listing-channel';

/**
 * Calls to Etsy Open API v3 for one shop: `x-api-key: keystring:shared_secret` (required since
 * February 2026) and the shop's OAuth2 token, refreshed on 401 and rotated (Etsy issues a new
 * refresh token with each refresh and the old one stops working). Requests wait rather than spend
 * a second's budget Etsy said is gone (x-remaining-this-second), and the queue is held back when
 * the second's or the day's budget runs out.
 */
export class EtsyClient {
  /** One refresh at a time per connection: a second one would use a refresh token already spent. */
  private readonly refreshing = new Map<string, Promise<Record<string, string>>>();
  /** Etsy counts requests per app (keystring), whichever shop they are for. */
  private readonly budgets = new Map<string, SecondBudget>();

  private readonly channel = 'etsy';

  constructor(private readonly config: SoukConfig) {}

  /** A call with the shop's token; on 401 the token is refreshed once and the call repeated. */
  async call(
    account: ChannelAccount,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ChannelResponse> {
    if (!account.credentials.accessToken) await this.refresh(account);
    const budget = this.budgetOf(account.credentials.keystring);
    for (let attempt = 0; ; attempt++) {
      const token = account.credentials.accessToken;
      await budget.take();
      const sentAt = Date.now();
      const res = await callChannel(
        this.channel,
        this.config.ETSY_API_URL + path,
        {
          method,
          headers: {
            'x-api-key': `${account.credentials.keystring}:${account.credentials.sharedSecret}`,
            authorization: `Bearer ${token}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        },
        this.config.CHANNEL_TIMEOUT_MS,
      );
      budget.note(res.headers.get('x-remaining-this-second'), sentAt);
      await this.heed(account, res.headers);
      if (res.status !== 401 || attempt > 0) return res;
      await this.refresh(account, token);
    }
  }

  private budgetOf(keystring: string): SecondBudget {
    let budget = this.budgets.get(keystring);
    if (!budget) this.budgets.set(keystring, (budget = new SecondBudget()));
    return budget;
  }

  /** Spends no more than Etsy says is left: the queue waits out the second (or the day). */
  private async heed(account: ChannelAccount, headers: Headers): Promise<void> {
    if (headers.get('x-remaining-today') === '0') await account.throttle(15 * 60_000);
    else if (headers.get('x-remaining-this-second') === '0')
      await account.throttle(1000 - (Date.now() % 1000));
  }

  /** Refreshes the shop's token and gives the account the new credentials. */
  private async refresh(account: ChannelAccount, stale?: string): Promise<void> {
    let running = this.refreshing.get(account.connectionId);
    if (!running) {
      running = this.exchange(account, stale).finally(() => this.refreshing.delete(account.connectionId));
      this.refreshing.set(account.connectionId, running);
    }
    account.credentials = await running;
  }

  private async exchange(account: ChannelAccount, stale?: string): Promise<Record<string, string>> {
    // Another worker may have refreshed (and so spent the refresh token we hold): take its tokens.
    const c = await account.reloadCredentials();
    if (stale && c.accessToken && c.accessToken !== stale) return c;
    const res = await callChannel(
      this.channel,
      `${this.config.ETSY_API_URL}/v3/public/oauth/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: c.keystring,
          refresh_token: c.refreshToken,
        }).toString(),
      },
      this.config.CHANNEL_TIMEOUT_MS,
    );
    if (res.status !== 200) {
      throw new ChannelRefused(
        `Etsy refused to refresh the shop's token (reconnect the shop): ${describeRefusal(res.status, res.body)}`,
      );
    }
    const next = {
      ...c,
      accessToken: res.body.access_token,
      refreshToken: res.body.refresh_token ?? c.refreshToken,
    };
    await account.saveCredentials(next);
    return next;
  }
}
