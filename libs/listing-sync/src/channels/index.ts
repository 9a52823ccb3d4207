import { Inject, Injectable, type Type } from '@nestjs/common';
import { Problem, SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { AnouChannel } from './anou.channel';
import { EtsyChannel } from './etsy.channel';
import type { ListingChannel } from './listing-channel';

/** Every connector; a new channel is a new file implementing ListingChannel, named here. */
export const CHANNELS: Type<ListingChannel>[] = [EtsyChannel, AnouChannel];

export const LISTING_CHANNELS = Symbol('LISTING_CHANNELS');

/** The connectors by name, with the request budget each queue is limited to. */
@Injectable()
export class ListingChannels {
  private readonly byName: Map<string, ListingChannel>;
  private readonly overrides: Map<string, number>;

  constructor(@Inject(LISTING_CHANNELS) channels: ListingChannel[], @Inject(SOUK_CONFIG) config: SoukConfig) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
    this.overrides = new Map(
      config.LISTING_SYNC_RATE_LIMITS.split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string])
        .map(([name, rps]) => [name, Number(rps)]),
    );
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  all(): ListingChannel[] {
    return [...this.byName.values()];
  }

  get(name: string): ListingChannel {
    const channel = this.byName.get(name);
    if (!channel) throw new Error(`no listing channel ${name}`);
    return channel;
  }

  /** The channel, or a 400 naming `field` when there is none by that name. */
  known(name: string, field = 'channel'): ListingChannel {
    const channel = this.byName.get(name);
    if (!channel) throw Problem.field(field, `must be one of ${this.names.join(', ')}`);
    return channel;
  }

  requestsPerSecond(channel: ListingChannel): number {
    return this.overrides.get(channel.name) ?? channel.requestsPerSecond;
  }

  /**
   * The BullMQ limiter for a channel: 95% of its request budget, in jobs, in windows of 100 ms
   * where the rate allows, so that jobs go out evenly rather than in one burst a second. The
   * margin absorbs windows straddling the channel's own; a 429 that still slips through waits.
   */
  limiter(channel: ListingChannel): { max: number; duration: number } {
    const jobsPerSecond = (this.requestsPerSecond(channel) * 0.95) / channel.requestsPerSync;
    if (jobsPerSecond >= 10) return { max: Math.floor(jobsPerSecond / 10), duration: 100 };
    return { max: 1, duration: Math.ceil(1000 / Math.max(jobsPerSecond, 0.01)) };
  }
}

export const queueNameOf = (channel: string): string => `listing-sync-${channel}`;
