import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInt } from '../to-int';

/** Deliveries of partner webhooks (libs/webhooks). */
export class WebhookSettings {
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
}
