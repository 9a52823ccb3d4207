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
  /** Adds events within `tx`; the NOTIFY is delivered at commit and wakes the relay. */
  async add(tx: SqlRunner, ...events: OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.rows(
      `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
       SELECT e.type, e.aggregate_type, e.aggregate_id, coalesce(e.payload, '{}')
         FROM jsonb_to_recordset($1::jsonb) AS e(type text, aggregate_type text, aggregate_id text, payload jsonb)`,
      [
        JSON.stringify(
          events.map((e) => ({
            type: e.type,
            aggregate_type: e.aggregateType,
            aggregate_id: e.aggregateId,
            payload: e.payload ?? {},
          })),
        ),
      ],
    );
    await tx.rows(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
