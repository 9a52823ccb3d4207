import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toInt } from '../to-int';

/** Listing channels and their sync (libs/listing-sync). */
export class ListingSyncSettings {
  /** Key sealing channel credentials (AES-256-GCM), 32 bytes in base64; required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  CHANNEL_CREDENTIALS_KEY?: string = undefined;

  /** Etsy Open API v3 base URL (listings, inventory and OAuth token refresh). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  ETSY_API_URL = 'https://api.etsy.com';

  /** Base URL of the Anou listing contract (docs/channels/anou.md). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  ANOU_API_URL = 'https://api.theanou.com/souk';

  /** Time allowed for one call to a listing channel. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  CHANNEL_TIMEOUT_MS = 10_000;

  /** Requests per second per channel, overriding the connectors' own limits, e.g. `etsy=10,anou=50`. */
  @Matches(/^([a-z0-9-]+=\d+(,[a-z0-9-]+=\d+)*)?$/, { message: 'must look like etsy=10,anou=50' })
  LISTING_SYNC_RATE_LIMITS = '';

  /** Attempts of one listing sync before it is kept as failed (a dead letter). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  LISTING_SYNC_ATTEMPTS = 8;

  /** First retry delay of a failed listing sync (ms); it doubles each attempt, with jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  LISTING_SYNC_BACKOFF_MS = 2_000;

  /** How long a sync job's lock outlives a dead worker before another worker takes the job over (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  LISTING_SYNC_LOCK_MS = 30_000;

  /** When listings are reconciled with the channels (cron, UTC). */
  @IsString()
  LISTING_RECONCILE_CRON = '17 3 * * *';
}
