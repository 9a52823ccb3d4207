import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** Every setting Souk reads from the environment, with its default and its rule. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string = undefined;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// connection URL' })
  REDIS_URL?: string = undefined;

  /** Where the embedded PostgreSQL and the development secrets live. */
  @IsString()
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  /** Key from which each partner webhook endpoint's signing secret is derived; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  WEBHOOK_SIGNING_KEY?: string = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TTL_DAYS = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Requests per minute and client address, across the API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Sign-up and sign-in attempts per minute and client address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /** Namespace of the queues, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 of a-z, 0-9, _ and -' })
  QUEUE_PREFIX = 'souk';

  /** Payment providers offered at checkout, comma-separated. */
  @Matches(/^(mastercard|cmi|stripe)(,(mastercard|cmi|stripe))*$/, {
    message: 'must be a comma-separated list of mastercard, cmi, stripe',
  })
  PAYMENTS_PROVIDERS = 'mastercard,cmi,stripe';

  /** Where browsers and gateways reach this API, for return and notification URLs (default http://localhost:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PAYMENTS_PUBLIC_URL?: string = undefined;

  /** Port of the in-process gateway simulator used outside production when a provider has no credentials (0: any). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PAYMENTS_SIMULATOR_PORT = 0;

  /** Time allowed for one call to a payment provider; past it the outcome is unknown until retrieved. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PAYMENTS_HTTP_TIMEOUT_MS = 15_000;

  /** Payments not final after this many seconds are retrieved from their provider by the reconciliation job. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PAYMENTS_RECONCILE_AFTER_SECONDS = 600;

  /** Payments still unpaid after this many minutes are voided and marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYMENTS_ABANDON_AFTER_MINUTES = 120;

  /** Mastercard Gateway base URL, e.g. https://ap-gateway.mastercard.com; `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  MASTERCARD_GATEWAY_URL = 'simulator';

  /** Merchant id at the Mastercard Gateway (basic auth user merchant.<id>). */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 letters, digits, _ or -' })
  MASTERCARD_MERCHANT_ID = 'SOUKSIM01';

  /** Mastercard Gateway API password (no default: without it, outside production, the simulator is used). */
  @IsOptional()
  @IsString()
  MASTERCARD_API_PASSWORD?: string = undefined;

  /** Secret the gateway sends in X-Notification-Secret with each webhook notification. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  MASTERCARD_NOTIFICATION_SECRET?: string = undefined;

  /** Currencies the Mastercard merchant account takes. */
  @Matches(/^(MAD|EUR|USD)(,(MAD|EUR|USD))*$/, { message: 'must list MAD, EUR or USD' })
  MASTERCARD_CURRENCIES = 'MAD,EUR,USD';

  /** CMI 3D_PAY_HOSTING form target (…/fim/est3Dgate); `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  CMI_GATEWAY_URL = 'simulator';

  /** CMI merchant API for status, capture, void and refunds (…/fim/api); `simulator` for the fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  CMI_API_URL = 'simulator';

  /** CMI merchant id (clientid). */
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'must be 1 to 20 letters or digits' })
  CMI_CLIENT_ID = '600000001';

  /** CMI store key, the secret of the HASH. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  CMI_STORE_KEY?: string = undefined;

  /** CMI merchant API user and password. */
  @IsOptional()
  @IsString()
  CMI_API_USER?: string = undefined;

  @IsOptional()
  @IsString()
  CMI_API_PASSWORD?: string = undefined;

  /** Stripe API base URL (https://api.stripe.com); `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  STRIPE_API_URL = 'simulator';

  /** Stripe secret API key (sk_…). */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, { message: 'must be a Stripe secret key (sk_…)' })
  STRIPE_SECRET_KEY?: string = undefined;

  /** Stripe publishable key (pk_…), handed to the buyer's browser. */
  @IsOptional()
  @Matches(/^pk_(test|live)_[A-Za-z0-9]+$/, { message: 'must be a Stripe publishable key (pk_…)' })
  STRIPE_PUBLISHABLE_KEY?: string = undefined;

  /** Stripe webhook signing secret (whsec_…). */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9]+$/, { message: 'must be a Stripe webhook secret (whsec_…)' })
  STRIPE_WEBHOOK_SECRET?: string = undefined;

  /** Currencies charged through Stripe. */
  @Matches(/^(MAD|EUR|USD)(,(MAD|EUR|USD))*$/, { message: 'must list MAD, EUR or USD' })
  STRIPE_CURRENCIES = 'MAD,EUR,USD';

  /** Days a sale is held before it can be paid out to its cooperative (refund window). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  PAYOUT_HOLD_DAYS = 7;

  /** Smallest payout, in MAD minor units; smaller balances wait for the next run. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYOUT_MINIMUM_AMOUNT = 10_000;

  /** Hours between payout runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  PAYOUT_EVERY_HOURS = 24;

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

  /** The outbox relay's fallback poll when no NOTIFY wakes it (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1_000;

  /** How long a relay holds the events it claimed before another relay may take them (s). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_LEASE_SECONDS = 30;

  /** Minutes an unpaid order holds its reserved stock before the worker releases it and cancels the order. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  ORDERS_RESERVATION_MINUTES = 30;

  /** Seconds between the worker's sweeps for expired reservations. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ORDERS_EXPIRY_SWEEP_SECONDS = 60;

  /** Marketplace commission on a cooperative's goods, in basis points (1000 = 10%), unless an admin set its own. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  ORDERS_COMMISSION_BP = 1000;

  /** Attempts of one partner webhook delivery before it is kept as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_ATTEMPTS = 12;

  /** First retry delay of a failed webhook delivery (ms); it doubles each attempt (12 attempts from 30 s span about a day and a half). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Time a partner's endpoint has to answer a delivery. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Minutes a shipping quote's options can be chosen at checkout. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SHIPPING_QUOTE_TTL_MINUTES = 30;

  /** MyDHL API base URL (e.g. https://express.api.dhl.com/mydhlapi); unset: DHL Express is priced from its rate card. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  DHL_API_URL?: string = undefined;

  /** MyDHL API key and secret (basic auth) and the shipper's DHL account; required in production when DHL_API_URL is set. */
  @IsOptional()
  @IsString()
  DHL_API_KEY?: string = undefined;

  @IsOptional()
  @IsString()
  DHL_API_SECRET?: string = undefined;

  @IsOptional()
  @Matches(/^[0-9]{6,12}$/, { message: 'must be 6 to 12 digits' })
  DHL_ACCOUNT_NUMBER?: string = undefined;

  /** Time a live DHL rate request has before the quote falls back to the rate card. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30_000)
  DHL_TIMEOUT_MS = 2_000;

  /** Volumetric divisor (cm³ per kg) of the Aramex contract; unset: the rate card's. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(10_000)
  ARAMEX_VOLUMETRIC_DIVISOR?: number = undefined;

  /** Volumetric divisor (cm³ per kg) agreed with Barid Al-Maghrib for Amana EMS; unset: the rate card's. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(10_000)
  AMANA_VOLUMETRIC_DIVISOR?: number = undefined;

  /** Reviews one buyer may write per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  REVIEWS_PER_HOUR = 5;

  /** Longest review text, in characters, once HTML is removed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(20_000)
  REVIEW_TEXT_MAX_LENGTH = 2000;

  /** Minutes between the scheduled refreshes of the export insights' aggregates. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  INSIGHTS_REFRESH_EVERY_MINUTES = 15;

  /** Seconds a paid order waits for others before the insights refresh, so a burst costs one refresh. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  INSIGHTS_REFRESH_DEBOUNCE_SECONDS = 20;
}

export type SoukConfig = Readonly<Env> & {
  readonly DATABASE_URL: string;
  readonly JWT_SECRET: string;
  readonly WEBHOOK_SIGNING_KEY: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const raw = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''),
  );
  const env = plainToInstance(Env, raw);
  const errors = validateSync(env, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map(
        (e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  return env;
}
