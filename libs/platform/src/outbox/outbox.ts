import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '../database/sql';

export interface OutboxEvent {
  /** e.g. `product.updated`, `order.paid` */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload?: Record<string, unknown>;
}

export const OUTBOX_CHANNEL = 'souk_outbox';

/**
 * Events that leave the process are written here, in the same transaction as the change they
 * describe, so they exist exactly when the change does. A relay moves them to the queues.
 */
@Injectable()
export class Outbox {
  /** Adds events within `tx`, in one statement; the NOTIFY is delivered at commit and wakes the relay. */
  async add(tx: SqlRunner, ...events: OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.rows(
      `WITH added AS (
         INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
         SELECT e.type, e.aggregate_type, e.aggregate_id, coalesce(e.payload, '{}')
           FROM jsonb_to_recordset($1::jsonb) AS e(type text, aggregate_type text, aggregate_id text, payload jsonb)
         RETURNING 1)
       SELECT pg_notify($2, '') FROM (SELECT 1 FROM added LIMIT 1) any_added`,
      [
        JSON.stringify(
          events.map((e) => ({
            type: e.type,
            aggregate_type: e.aggregateType,
            aggregate_id: e.aggregateId,
            payload: e.payload ?? {},
          })),
        ),
        OUTBOX_CHANNEL,
      ],
    );
  }
}

// The relay side, exported here because this file is the outbox's entry in the platform index.
export * from './outbox-subscriber';
export * from './outbox-relay';
export * from './outbox-relay.module';
