import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dated exchange rates against the dirham, and the transactional outbox. */
export class MoneyAndOutbox1764050000000 implements MigrationInterface {
  name = 'MoneyAndOutbox1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_rate (
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        effective_date date NOT NULL,
        -- what one unit of the currency is worth in dirhams
        mad_per_unit numeric(18,8) NOT NULL CHECK (mad_per_unit > 0),
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (currency, effective_date)
      )`);
    // Reference rates in the range Bank Al-Maghrib published in 2026 (the dirham floats ±5%
    // around a 60% EUR / 40% USD basket). Illustrative until a rates feed is connected.
    await q.query(`
      INSERT INTO exchange_rate (currency, effective_date, mad_per_unit, source) VALUES
        ('EUR', '2026-01-01', 10.72000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('USD', '2026-01-01', 9.18000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('GBP', '2026-01-01', 12.35000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('CAD', '2026-01-01', 6.64000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('AED', '2026-01-01', 2.49900000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('SAR', '2026-01-01', 2.44700000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('CHF', '2026-01-01', 11.48000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('EUR', '2026-11-02', 10.81000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('USD', '2026-11-02', 9.27000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('GBP', '2026-11-02', 12.29000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('CAD', '2026-11-02', 6.61000000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('AED', '2026-11-02', 2.52400000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('SAR', '2026-11-02', 2.47200000, 'Bank Al-Maghrib reference rate, illustrative'),
        ('CHF', '2026-11-02', 11.62000000, 'Bank Al-Maghrib reference rate, illustrative')`);

    await q.query(`
      CREATE TABLE outbox_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX outbox_event_pending_idx ON outbox_event (available_at, id) WHERE sent_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outbox_event`);
    await q.query(`DROP TABLE IF EXISTS exchange_rate`);
  }
}
