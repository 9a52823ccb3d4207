import { MigrationInterface, QueryRunner } from 'typeorm';

const ORDER_STATUSES = `'pending_payment', 'paid', 'completed', 'cancelled', 'refunded', 'partially_refunded'`;
const SUB_ORDER_STATUSES = `'pending_payment', 'paid', 'accepted', 'shipped', 'delivered', 'cancelled'`;

/**
 * Carts, checkout and orders (libs/orders): one order per checkout, one sub-order per cooperative,
 * each transition kept in order_event. Stock reservations live on variant.reserved (catalogue);
 * an unpaid order holds them until reserved_until.
 */
export class Orders1764300000000 implements MigrationInterface {
  name = 'Orders1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- a signed-in buyer's cart; guests' carts are opened by a secret token instead
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        -- SHA-256 of the guest cart token, which is shown once and never stored
        token_hash text UNIQUE,
        currency char(3) NOT NULL DEFAULT 'MAD',
        -- set when the cart is checked out; cleared again if that order is cancelled unpaid
        order_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (user_id IS NOT NULL OR token_hash IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX cart_user_idx ON cart (user_id, updated_at DESC) WHERE user_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE cart_item (
        cart_id uuid NOT NULL REFERENCES cart(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cart_id, variant_id)
      )`);

    await q.query(`
      CREATE TABLE cooperative_commission (
        cooperative_id uuid PRIMARY KEY REFERENCES cooperative(id) ON DELETE CASCADE,
        rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // "order" is an SQL keyword; the buyer's order is customer_order.
    await q.query(`
      CREATE TABLE customer_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (length(reference) <= 40),
        cart_id uuid REFERENCES cart(id) ON DELETE SET NULL,
        user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        -- guests read their order with the token of the cart it came from
        buyer_token_hash text,
        buyer_email text NOT NULL,
        buyer_name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'en', 'ar')),
        shipping_address jsonb NOT NULL,
        status text NOT NULL CHECK (status IN (${ORDER_STATUSES})),
        goods_mad bigint NOT NULL CHECK (goods_mad >= 0),
        shipping_mad bigint NOT NULL CHECK (shipping_mad >= 0),
        total_mad bigint NOT NULL CHECK (total_mad > 0),
        -- what the buyer pays, in the payment currency, at the recorded rate
        currency char(3) NOT NULL,
        total_amount bigint NOT NULL CHECK (total_amount > 0),
        rate_mad_per_unit numeric(18,8) NOT NULL,
        rate_date date NOT NULL,
        rate_source text NOT NULL,
        payment_provider text NOT NULL,
        payment_id uuid,
        -- unpaid orders hold their reservations until then
        reserved_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        cancelled_at timestamptz
      )`);
    await q.query(`CREATE INDEX customer_order_user_idx ON customer_order (user_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX customer_order_expiry_idx ON customer_order (reserved_until) WHERE status = 'pending_payment'`,
    );
    await q.query(`CREATE INDEX customer_order_payment_idx ON customer_order (payment_id)`);
    await q.query(`
      ALTER TABLE cart ADD CONSTRAINT cart_order_fk
        FOREIGN KEY (order_id) REFERENCES customer_order(id) ON DELETE SET NULL`);

    await q.query(`
      CREATE TABLE sub_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE RESTRICT,
        status text NOT NULL CHECK (status IN (${SUB_ORDER_STATUSES})),
        goods_mad bigint NOT NULL CHECK (goods_mad > 0),
        -- the shipping option chosen from a quote (libs/shipping), copied as it was sold
        quote_id uuid NOT NULL,
        quote_option_id uuid NOT NULL,
        carrier text NOT NULL,
        service text NOT NULL,
        incoterm text NOT NULL CHECK (incoterm IN ('DDP', 'DAP')),
        transit_min integer NOT NULL,
        transit_max integer NOT NULL,
        shipping_mad bigint NOT NULL CHECK (shipping_mad >= 0),
        duties_mad bigint NOT NULL CHECK (duties_mad >= 0),
        taxes_mad bigint NOT NULL CHECK (taxes_mad >= 0),
        fees_mad bigint NOT NULL CHECK (fees_mad >= 0),
        -- what the buyer pays for delivery: the option's total (duties and taxes included when DDP)
        shipping_charge_mad bigint NOT NULL CHECK (shipping_charge_mad >= 0),
        total_mad bigint NOT NULL CHECK (total_mad = goods_mad + shipping_charge_mad),
        commission_bp integer NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
        commission_mad bigint NOT NULL CHECK (commission_mad >= 0),
        tracking_carrier text,
        tracking_number text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        shipped_at timestamptz,
        delivered_at timestamptz,
        cancelled_at timestamptz,
        UNIQUE (order_id, cooperative_id)
      )`);
    await q.query(
      `CREATE INDEX sub_order_cooperative_idx ON sub_order (cooperative_id, created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE order_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sub_order_id uuid NOT NULL REFERENCES sub_order(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE RESTRICT,
        product_id uuid NOT NULL,
        sku text NOT NULL,
        title jsonb NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        unit_price_mad bigint NOT NULL CHECK (unit_price_mad > 0),
        quantity integer NOT NULL CHECK (quantity > 0),
        total_mad bigint NOT NULL CHECK (total_mad = unit_price_mad * quantity),
        position integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX order_line_sub_order_idx ON order_line (sub_order_id, position)`);

    // Every transition of an order (sub_order_id null) or of one sub-order, with who and when.
    await q.query(`
      CREATE TABLE order_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES customer_order(id) ON DELETE CASCADE,
        sub_order_id uuid REFERENCES sub_order(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'guest', 'api-key', 'system', 'payment')),
        actor_id text,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX order_event_order_idx ON order_event (order_id, id)`);
    await q.query(`CREATE INDEX order_event_sub_order_idx ON order_event (sub_order_id, id)`);

    await q.query(`
      CREATE TABLE refund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order(id) ON DELETE CASCADE,
        -- null: the whole order
        sub_order_id uuid REFERENCES sub_order(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        amount_mad bigint NOT NULL CHECK (amount_mad > 0),
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        idempotency_key text,
        request_hash text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text,
        provider_refund_id text,
        failure text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (order_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX refund_order_idx ON refund (order_id, created_at)`);
    // What a refund gives back, per sub-order: goods per line, the shipping charge, the commission returned.
    await q.query(`
      CREATE TABLE refund_part (
        refund_id uuid NOT NULL REFERENCES refund(id) ON DELETE CASCADE,
        sub_order_id uuid NOT NULL REFERENCES sub_order(id) ON DELETE CASCADE,
        order_line_id uuid REFERENCES order_line(id) ON DELETE CASCADE,
        quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
        goods_mad bigint NOT NULL DEFAULT 0 CHECK (goods_mad >= 0),
        shipping_mad bigint NOT NULL DEFAULT 0 CHECK (shipping_mad >= 0),
        commission_mad bigint NOT NULL DEFAULT 0 CHECK (commission_mad >= 0)
      )`);
    await q.query(`CREATE INDEX refund_part_refund_idx ON refund_part (refund_id)`);
    await q.query(`CREATE INDEX refund_part_sub_order_idx ON refund_part (sub_order_id)`);

    // Checkout answers by (caller, Idempotency-Key): a retry gets the first answer back.
    await q.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'committed', 'done')),
        order_id uuid REFERENCES customer_order(id) ON DELETE SET NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE IF EXISTS cart DROP CONSTRAINT IF EXISTS cart_order_fk`);
    for (const table of [
      'idempotency_key',
      'refund_part',
      'refund',
      'order_event',
      'order_line',
      'sub_order',
      'customer_order',
      'cooperative_commission',
      'cart_item',
      'cart',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
