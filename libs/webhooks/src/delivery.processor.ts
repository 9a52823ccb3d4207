import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig, Sql } from '@souk/platform';
import type { Job } from 'bullmq';
import { WEBHOOK_QUEUE } from './events';
import { endpointSecret, SIGNATURE_HEADER, signatureHeader } from './signature';

interface Delivery {
  url: string;
  body: Record<string, unknown>;
  event_type: string;
  endpoint_id: string;
  secret_version: number;
  disabled: boolean;
}

/**
 * Posts one delivery to its partner, signed; any answer but a 2xx is retried by BullMQ with
 * exponential backoff, and every attempt is written to the delivery log.
 */
@Processor(WEBHOOK_QUEUE, { concurrency: 20 })
export class WebhookDeliveryProcessor extends WorkerHost {
  private readonly log = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly sql: Sql,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {
    super();
  }

  async process(job: Job<{ deliveryId: string }>): Promise<{ statusCode: number }> {
    const { deliveryId } = job.data;
    const d = await this.sql.one<Delivery>(
      `SELECT w.url, d.body, d.event_type, d.endpoint_id, w.secret_version, w.disabled_at IS NOT NULL AS disabled
         FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!d || d.disabled) return { statusCode: 0 };

    const body = JSON.stringify(d.body);
    const secret = endpointSecret(this.config.WEBHOOK_SIGNING_KEY, d.endpoint_id, d.secret_version);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Souk-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(secret, body),
          'souk-event-id': String(d.body.id),
          'souk-event-type': d.event_type,
          'souk-delivery-id': deliveryId,
        },
        body,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        redirect: 'manual',
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
    } catch (err) {
      error =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`
          : (err as Error).message;
    }

    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const status = error === null ? 'succeeded' : lastAttempt ? 'failed' : 'pending';
    await this.sql.rows(
      `WITH attempt AS (
         INSERT INTO webhook_delivery_attempt (delivery_id, status_code, error, duration_ms) VALUES ($1, $2, $3, $4)
       )
       UPDATE webhook_delivery
          SET attempts = attempts + 1, status = $5, last_status_code = $2, last_error = $3,
              delivered_at = CASE WHEN $5 = 'succeeded' THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryId, statusCode, error, Date.now() - started, status],
    );
    if (error !== null) {
      this.log.warn(
        { deliveryId, statusCode, error, attempt: job.attemptsMade + 1 },
        'webhook delivery failed',
      );
      throw new Error(error);
    }
    return { statusCode: statusCode! };
  }
}
