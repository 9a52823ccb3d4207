import { Injectable } from '@nestjs/common';
import { Sql } from '@souk/platform';
import type { ConsignmentQuote, Destination } from './quote.types';

export interface QuoteToStore {
  id: string;
  currency: string;
  destination: Destination;
  incoterm: 'DDP' | 'DAP' | null;
  quotedAt: Date;
  expiresAt: Date;
  exchangeRates: unknown[];
  answer: unknown;
  consignments: readonly ConsignmentQuote[];
}

/**
 * Writes a quote and all its options in one statement (atomic without a transaction), committed
 * asynchronously: a quote can be computed again, so it does not wait for the WAL flush (the hot
 * path's largest cost). A crash can lose only the last fraction of a second of quotes, and never
 * one an order relies on: checkout's own synchronous commit flushes the WAL written before it.
 */
@Injectable()
export class QuotesStore {
  constructor(private readonly sql: Sql) {}

  async save(q: QuoteToStore): Promise<void> {
    const options = q.consignments.flatMap((c) =>
      c.options.map((o) => ({
        id: o.id,
        cooperative_id: c.cooperativeId,
        carrier: o.carrier,
        service: o.service,
        incoterm: o.incoterm,
        transit_min: o.transitDays.min,
        transit_max: o.transitDays.max,
        rate_source: o.rateSource,
        shipping_amount: o.amounts.shipping.amount,
        duties_amount: o.amounts.duties.amount,
        taxes_amount: o.amounts.taxes.amount,
        fees_amount: o.amounts.fees.amount,
        total_amount: o.amounts.total.amount,
        owed_on_delivery_amount: o.amounts.owedOnDelivery.amount,
        shipping_mad: o.amountsMad.shipping.amount,
        duties_mad: o.amountsMad.duties.amount,
        taxes_mad: o.amountsMad.taxes.amount,
        fees_mad: o.amountsMad.fees.amount,
        total_mad: o.amountsMad.total.amount,
        owed_on_delivery_mad: o.amountsMad.owedOnDelivery.amount,
        items: c.items,
      })),
    );
    await this.sql.rows(
      `WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
       quote AS (
         INSERT INTO shipping_quote (id, currency, destination_country, destination_postal_code, incoterm,
                                     quoted_at, expires_at, exchange_rates, answer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::json)
       )
       INSERT INTO shipping_quote_option (id, quote_id, cooperative_id, carrier, service, incoterm, transit_min,
              transit_max, rate_source, currency, shipping_amount, duties_amount, taxes_amount, fees_amount,
              total_amount, owed_on_delivery_amount, shipping_mad, duties_mad, taxes_mad, fees_mad, total_mad,
              owed_on_delivery_mad, items)
       SELECT o.id, $1, o.cooperative_id, o.carrier, o.service, o.incoterm, o.transit_min, o.transit_max,
              o.rate_source, $2, o.shipping_amount, o.duties_amount, o.taxes_amount, o.fees_amount, o.total_amount,
              o.owed_on_delivery_amount, o.shipping_mad, o.duties_mad, o.taxes_mad, o.fees_mad, o.total_mad,
              o.owed_on_delivery_mad, o.items
         FROM durability, jsonb_to_recordset($10::jsonb) AS o(id uuid, cooperative_id uuid, carrier text, service text,
              incoterm text, transit_min int, transit_max int, rate_source text, shipping_amount bigint,
              duties_amount bigint, taxes_amount bigint, fees_amount bigint, total_amount bigint,
              owed_on_delivery_amount bigint, shipping_mad bigint, duties_mad bigint, taxes_mad bigint,
              fees_mad bigint, total_mad bigint, owed_on_delivery_mad bigint, items jsonb)`,
      [
        q.id,
        q.currency,
        q.destination.country,
        q.destination.postalCode,
        q.incoterm,
        q.quotedAt,
        q.expiresAt,
        JSON.stringify(q.exchangeRates),
        JSON.stringify(q.answer),
        JSON.stringify(options),
      ],
    );
  }

  async answer(id: string): Promise<unknown | undefined> {
    return (await this.sql.one<{ answer: unknown }>(`SELECT answer FROM shipping_quote WHERE id = $1`, [id]))
      ?.answer;
  }
}
