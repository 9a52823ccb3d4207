import { SHIPPING_RULE_SETS } from '@souk/shipping/data';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipping: versioned rule sets (rate cards, packing, duties and taxes by destination) loaded from
 * libs/shipping/src/data, and stored quotes with their options. A later rule change is a new row
 * (a data migration, or an admin insert), never an edit of an existing version.
 */
export class Shipping1764100000000 implements MigrationInterface {
  name = 'Shipping1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipping_rule_set (
        version text PRIMARY KEY CHECK (version ~ '^[A-Za-z0-9-]+/[0-9]{4}-[0-9]{2}-[0-9]{2}[A-Za-z0-9.-]*$'),
        kind text NOT NULL CHECK (kind IN ('rate-card', 'packing', 'duties')),
        -- a carrier code for rate cards, a regime code (US, EU, GB, CA, GCC, ROW) for duties
        subject text NOT NULL,
        effective_from date NOT NULL,
        -- exclusive; null until superseded by a later version
        effective_to date,
        source text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      )`);
    await q.query(
      `CREATE INDEX shipping_rule_set_subject_idx ON shipping_rule_set (kind, subject, effective_from DESC)`,
    );
    await q.query(
      `INSERT INTO shipping_rule_set (version, kind, subject, effective_from, effective_to, source, data)
       SELECT version, kind, subject, effective_from, effective_to, source, data
         FROM jsonb_to_recordset($1::jsonb) AS r(version text, kind text, subject text, effective_from date,
                                                 effective_to date, source text, data jsonb)
       ON CONFLICT (version) DO NOTHING`,
      [
        JSON.stringify(
          SHIPPING_RULE_SETS.map((s) => ({
            version: s.version,
            kind: s.kind,
            subject: s.subject,
            effective_from: s.effectiveFrom,
            effective_to: s.effectiveTo,
            source: s.source,
            data: s.data,
          })),
        ),
      ],
    );

    await q.query(`
      CREATE TABLE shipping_quote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        destination_country char(2) NOT NULL,
        destination_postal_code text,
        -- the incoterm the buyer asked for, if any
        incoterm text CHECK (incoterm IN ('DDP', 'DAP')),
        quoted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        -- every exchange rate used, with its date and source
        exchange_rates jsonb NOT NULL,
        -- the answer as given, breakdowns included, for GET /v1/shipping/quotes/:id and audits
        -- (json, not jsonb: stored as written, never queried into)
        answer json NOT NULL
      )`);
    await q.query(`CREATE INDEX shipping_quote_expires_idx ON shipping_quote (expires_at)`);
    await q.query(`
      CREATE TABLE shipping_quote_option (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quote_id uuid NOT NULL REFERENCES shipping_quote(id) ON DELETE CASCADE,
        -- null for partners' quotes of explicit parcels
        cooperative_id uuid REFERENCES cooperative(id) ON DELETE CASCADE,
        carrier text NOT NULL,
        service text NOT NULL,
        incoterm text NOT NULL CHECK (incoterm IN ('DDP', 'DAP')),
        transit_min integer NOT NULL CHECK (transit_min >= 0),
        transit_max integer NOT NULL CHECK (transit_max >= transit_min),
        rate_source text NOT NULL CHECK (rate_source IN ('card', 'live')),
        -- the quote's currency; the *_amount columns are in it, the *_mad columns in MAD
        currency char(3) NOT NULL,
        shipping_amount bigint NOT NULL CHECK (shipping_amount >= 0),
        duties_amount bigint NOT NULL CHECK (duties_amount >= 0),
        taxes_amount bigint NOT NULL CHECK (taxes_amount >= 0),
        fees_amount bigint NOT NULL CHECK (fees_amount >= 0),
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        owed_on_delivery_amount bigint NOT NULL CHECK (owed_on_delivery_amount >= 0),
        shipping_mad bigint NOT NULL CHECK (shipping_mad >= 0),
        duties_mad bigint NOT NULL CHECK (duties_mad >= 0),
        taxes_mad bigint NOT NULL CHECK (taxes_mad >= 0),
        fees_mad bigint NOT NULL CHECK (fees_mad >= 0),
        total_mad bigint NOT NULL CHECK (total_mad >= 0),
        owed_on_delivery_mad bigint NOT NULL CHECK (owed_on_delivery_mad >= 0),
        -- [{variantId, quantity}]: the cooperative's items the option was computed for
        items jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX shipping_quote_option_quote_idx ON shipping_quote_option (quote_id)`);
    await q.query(
      `CREATE INDEX shipping_quote_option_cooperative_idx ON shipping_quote_option (cooperative_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS shipping_quote_option`);
    await q.query(`DROP TABLE IF EXISTS shipping_quote`);
    await q.query(`DROP TABLE IF EXISTS shipping_rule_set`);
  }
}
