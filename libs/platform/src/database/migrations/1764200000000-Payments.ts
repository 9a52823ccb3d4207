import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('pending', 'requires_action', 'authorized', 'unknown')`;

/**
 * Payments through the card gateways, their notifications and refunds; the cooperatives'
 * double-entry ledger and their payouts (Stripe transfers or bank-transfer batches).
 */
export class Payments1764200000000 implements MigrationInterface {
  name = 'Payments1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- no foreign key: the orders' tables come later in migration order
        order_id uuid NOT NULL,
        -- the merchant order id at the gateway (Mastercard order.id, CMI oid)
        reference text NOT NULL CHECK (reference ~ '^[A-Za-z0-9_.-]{1,40}$'),
        provider text NOT NULL CHECK (provider IN ('mastercard', 'cmi', 'stripe')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN
          ('pending', 'requires_action', 'authorized', 'captured', 'partially_refunded', 'refunded',
           'voided', 'failed', 'unknown')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        amount_mad bigint NOT NULL CHECK (amount_mad > 0),
        rate_mad_per_unit numeric(18,8) NOT NULL CHECK (rate_mad_per_unit > 0),
        rate_date date NOT NULL,
        rate_source text NOT NULL,
        buyer jsonb NOT NULL,
        return_url text,
        shares jsonb NOT NULL DEFAULT '[]',
        session jsonb,
        -- the provider's own id once known (a Stripe PaymentIntent)
        provider_ref text,
        simulated boolean NOT NULL DEFAULT false,
        captured_amount bigint NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        -- which outcome handler ran; set once, in the transaction that called it
        outcome text CHECK (outcome IN ('captured', 'failed')),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider, reference)
      )`);
    await q.query(`CREATE INDEX payment_order_idx ON payment (order_id)`);
    await q.query(`CREATE INDEX payment_open_idx ON payment (updated_at) WHERE status IN ${OPEN}`);
    await q.query(`CREATE UNIQUE INDEX payment_provider_ref_key ON payment (provider, provider_ref)`);

    // Every notification and transition; the unique key makes replays change nothing.
    await q.query(`
      CREATE TABLE payment_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        payment_id uuid REFERENCES payment(id) ON DELETE CASCADE,
        provider text NOT NULL,
        dedup_key text,
        source text NOT NULL CHECK (source IN ('notification', 'retrieve', 'operation')),
        status_before text,
        status_after text,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider, dedup_key)
      )`);
    await q.query(`CREATE INDEX payment_event_payment_idx ON payment_event (payment_id, id)`);

    await q.query(`
      CREATE TABLE payment_refund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payment(id),
        -- the caller's refund id: the idempotency key
        refund_id text NOT NULL CHECK (char_length(refund_id) BETWEEN 1 AND 64),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        -- the provider's refund id (Stripe re_…), or our transaction id at the gateway
        provider_ref text,
        -- what the provider had refunded before this one was first sent (CMI has no refund ids)
        refunded_before bigint,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (payment_id, refund_id)
      )`);
    await q.query(
      `CREATE INDEX payment_refund_pending_idx ON payment_refund (updated_at) WHERE status = 'pending'`,
    );

    await this.ledger(q);
    await this.payouts(q);
  }

  private async ledger(q: QueryRunner): Promise<void> {
    // Double entry: each journal has a cooperative line and its contra line, summing to zero.
    // A cooperative's balance is the sum of its lines; no stored total can drift.
    await q.query(`
      CREATE TABLE ledger_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        journal_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN
          ('sale', 'commission', 'refund', 'commission_refund', 'payout', 'payout_reversal')),
        account text NOT NULL CHECK (account IN ('cooperative', 'platform_cash', 'platform_commission')),
        cooperative_id uuid NOT NULL REFERENCES cooperative(id),
        amount bigint NOT NULL CHECK (amount <> 0),
        currency char(3) NOT NULL DEFAULT 'MAD' CHECK (currency = 'MAD'),
        order_id uuid,
        sub_order_id uuid,
        payment_id uuid,
        refund_id text,
        payout_id uuid,
        memo text,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- credits to the cooperative are sales and give-backs; the rest are debits
        CHECK (account <> 'cooperative'
               OR (kind IN ('sale', 'commission_refund', 'payout_reversal')) = (amount > 0))
      )`);
    await q.query(
      `CREATE INDEX ledger_entry_cooperative_idx ON ledger_entry (cooperative_id, id) WHERE account = 'cooperative'`,
    );
    await q.query(`CREATE INDEX ledger_entry_journal_idx ON ledger_entry (journal_id)`);
    await q.query(`
      CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ledger_entry e
                    WHERE e.journal_id IN (SELECT journal_id FROM inserted)
                    GROUP BY e.journal_id HAVING sum(e.amount) <> 0) THEN
          RAISE EXCEPTION 'ledger journal does not balance' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entry_balanced_trg AFTER INSERT ON ledger_entry
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_balanced()`);
    await q.query(`
      CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are never changed: append a correcting entry';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entry_append_only_trg BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only()`);
  }

  private async payouts(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cooperative_payout_account (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative(id) ON DELETE CASCADE,
        method text NOT NULL CHECK (method IN ('bank_transfer', 'stripe')),
        account_holder text NOT NULL,
        rib char(24) CHECK (rib ~ '^[0-9]{24}$'),
        bank_name text,
        stripe_account_id text CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]{6,}$'),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((method = 'bank_transfer') = (rib IS NOT NULL)),
        CHECK ((method = 'stripe') = (stripe_account_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE payout_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
        created_at timestamptz NOT NULL DEFAULT now(),
        downloaded_at timestamptz,
        paid_at timestamptz,
        paid_by uuid REFERENCES app_user(id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE payout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperative(id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL DEFAULT 'MAD' CHECK (currency = 'MAD'),
        method text NOT NULL CHECK (method IN ('bank_transfer', 'stripe')),
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
        -- where the money goes, copied when the payout is made
        account_holder text NOT NULL,
        rib char(24),
        stripe_account_id text,
        stripe_transfer_id text,
        batch_id uuid REFERENCES payout_batch(id),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        CHECK ((method = 'bank_transfer') = (batch_id IS NOT NULL AND rib IS NOT NULL)),
        CHECK ((method = 'stripe') = (stripe_account_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX payout_cooperative_idx ON payout (cooperative_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX payout_batch_idx ON payout (batch_id)`);
    await q.query(
      `CREATE INDEX payout_pending_transfer_idx ON payout (created_at) WHERE status = 'pending' AND method = 'stripe'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS payout`);
    await q.query(`DROP TABLE IF EXISTS payout_batch`);
    await q.query(`DROP TABLE IF EXISTS cooperative_payout_account`);
    await q.query(`DROP TABLE IF EXISTS ledger_entry`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entry_balanced()`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entry_append_only()`);
    await q.query(`DROP TABLE IF EXISTS payment_refund`);
    await q.query(`DROP TABLE IF EXISTS payment_event`);
    await q.query(`DROP TABLE IF EXISTS payment`);
  }
}
