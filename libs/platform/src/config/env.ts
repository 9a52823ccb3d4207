import { plainToInstance, Transform } from 'class-transformer';
import { ListingSyncSettings } from './settings/listing-sync.settings';
import { OrdersSettings } from './settings/orders.settings';
import { PaymentsSettings } from './settings/payments.settings';
import { ReviewsAndInsightsSettings } from './settings/reviews-insights.settings';
import { ShippingSettings } from './settings/shipping.settings';
import { WebhookSettings } from './settings/webhooks.settings';
import { toInt } from './to-int';
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

/** What every process needs: runtime, database, queues, identity, logs, limits. */
export class CoreSettings {
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
}

/** Each lib's settings, validated section by section from the same environment. */
const SECTIONS = [
  CoreSettings,
  PaymentsSettings,
  ShippingSettings,
  OrdersSettings,
  ListingSyncSettings,
  WebhookSettings,
  ReviewsAndInsightsSettings,
] as const;

/** Every setting Souk reads from the environment, with its default and its rule. */
export type Env = CoreSettings &
  PaymentsSettings &
  ShippingSettings &
  OrdersSettings &
  ListingSyncSettings &
  WebhookSettings &
  ReviewsAndInsightsSettings;

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
  const sections = SECTIONS.map((Section) => {
    const known = Object.keys(new Section());
    const raw = Object.fromEntries(
      Object.entries(source).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''),
    );
    return plainToInstance(Section as new () => object, raw);
  });
  const errors = sections.flatMap((section) => validateSync(section, { whitelist: false }));
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map(
        (e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  return Object.assign({}, ...sections) as Env;
}
