import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import {
  type OutboxHandler,
  OutboxSubscriber,
  type RelayedEvent,
  SOUK_CONFIG,
  type SoukConfig,
  Sql,
} from '@souk/platform';
import type { Queue } from 'bullmq';
import { WEBHOOK_EVENTS, WEBHOOK_QUEUE } from './events';

/**
 * Turns outbox events into one delivery per subscribed endpoint, recorded first (the log and the
 * replay need the row) and then queued. Both steps are idempotent on (endpoint, event), so the
 * relay may hand the same events over again without a partner receiving them twice.
 */
@Injectable()
@OutboxSubscriber({ name: 'partner-webhooks', types: WEBHOOK_EVENTS })
export class WebhookFanOut implements OutboxHandler {
  constructor(
    private readonly sql: Sql,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {}

  async deliver(events: RelayedEvent[]): Promise<void> {
    const deliveries = await this.sql.rows<{ id: string; event_id: string }>(
      `WITH e AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(id bigint, type text, body jsonb, cooperative_id uuid)
       ), wanted AS (
         SELECT w.id AS endpoint_id, e.id AS event_id, e.type, e.body
           FROM e JOIN webhook_endpoint w
             ON w.disabled_at IS NULL AND e.type = ANY (w.events)
            AND (w.cooperative_id IS NULL OR w.cooperative_id = e.cooperative_id)
       ), inserted AS (
         INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, body)
         SELECT endpoint_id, event_id, type, body FROM wanted
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING id, event_id
       )
       SELECT id, event_id::text FROM inserted
       UNION ALL
       SELECT d.id, d.event_id::text FROM webhook_delivery d JOIN wanted USING (endpoint_id, event_id)
        WHERE d.status = 'pending'`,
      [
        JSON.stringify(
          events.map((e) => ({
            id: e.id,
            type: e.type,
            cooperative_id: typeof e.payload.cooperativeId === 'string' ? e.payload.cooperativeId : null,
            body: { id: `evt_${e.id}`, type: e.type, createdAt: e.createdAt, data: e.payload },
          })),
        ),
      ],
    );
    if (deliveries.length === 0) return;
    await this.queue.addBulk(
      deliveries.map((d) => ({
        name: 'deliver',
        data: { deliveryId: d.id },
        opts: {
          jobId: `d-${d.id}`,
          attempts: this.config.WEBHOOK_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_BASE_MS },
          removeOnComplete: 1000,
        },
      })),
    );
  }
}
