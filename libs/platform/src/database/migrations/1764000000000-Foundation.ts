import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: identity, cooperatives and their storefronts, the catalogue.
 * Search vectors are maintained by triggers so that the hot read path is one indexed statement.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // unaccent() is only STABLE; this wrapper pins the dictionary so it can back indexes.
    await q.query(`
      CREATE FUNCTION souk_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // Accent-insensitive text search configurations: "fes" finds "Fès".
    for (const [name, base, stem] of [
      ['souk_fr', 'french', 'french_stem'],
      ['souk_en', 'english', 'english_stem'],
      ['souk_simple', 'simple', 'simple'],
    ]) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION ${name} (COPY = ${base})`);
      await q.query(
        `ALTER TEXT SEARCH CONFIGURATION ${name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${stem}`,
      );
    }

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        name text NOT NULL,
        role text NOT NULL DEFAULT 'buyer' CHECK (role IN ('buyer', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_token_expires_at_idx ON refresh_token (expires_at)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        scopes text[] NOT NULL,
        -- a key bound to a cooperative may write that cooperative's catalogue; unbound keys only read
        cooperative_id uuid,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE cooperative (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        legal_form text NOT NULL CHECK (legal_form IN ('cooperative', 'enterprise', 'individual_artisan')),
        region text NOT NULL,
        city text NOT NULL,
        crafts text[] NOT NULL DEFAULT '{}',
        description jsonb NOT NULL DEFAULT '{}',
        logo_url text,
        verified_at timestamptz,
        verified_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        rating_average numeric(3,2),
        rating_count integer NOT NULL DEFAULT 0,
        search tsvector NOT NULL DEFAULT ''::tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cooperative_list_idx ON cooperative (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cooperative_region_idx ON cooperative (region, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cooperative_crafts_idx ON cooperative USING gin (crafts)`);
    await q.query(
      `CREATE INDEX cooperative_verified_idx ON cooperative (created_at DESC, id DESC) WHERE verified_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX cooperative_search_idx ON cooperative USING gin (search)`);
    await q.query(`
      CREATE FUNCTION cooperative_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('souk_simple', coalesce(NEW.name, '')), 'A') ||
          setweight(to_tsvector('souk_simple', coalesce(NEW.city, '') || ' ' || coalesce(NEW.region, '')), 'B') ||
          setweight(to_tsvector('souk_simple', array_to_string(NEW.crafts, ' ')), 'B') ||
          setweight(to_tsvector('souk_fr', coalesce(NEW.description->>'fr', '')), 'C') ||
          setweight(to_tsvector('souk_en', coalesce(NEW.description->>'en', '')), 'C') ||
          setweight(to_tsvector('souk_simple', coalesce(NEW.description->>'ar', '')), 'C');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER cooperative_search_trg BEFORE INSERT OR UPDATE OF name, city, region, crafts, description
      ON cooperative FOR EACH ROW EXECUTE FUNCTION cooperative_search_refresh()`);

    await q.query(`
      ALTER TABLE api_key ADD CONSTRAINT api_key_cooperative_fk
        FOREIGN KEY (cooperative_id) REFERENCES cooperative(id) ON DELETE CASCADE`);

    await q.query(`
      CREATE TABLE cooperative_member (
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'manager')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cooperative_id, user_id)
      )`);
    await q.query(`CREATE INDEX cooperative_member_user_idx ON cooperative_member (user_id)`);

    await q.query(`
      CREATE TABLE cooperative_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL DEFAULT 'manager' CHECK (role IN ('manager')),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cooperative_invitation_coop_idx ON cooperative_invitation (cooperative_id)`);
    await q.query(
      `CREATE INDEX cooperative_invitation_expires_idx ON cooperative_invitation (expires_at) WHERE accepted_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES category(id) ON DELETE RESTRICT,
        slug text NOT NULL UNIQUE,
        name jsonb NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX category_parent_idx ON category (parent_id, position)`);

    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE RESTRICT,
        category_id uuid REFERENCES category(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{}',
        craft text NOT NULL,
        materials text[] NOT NULL DEFAULT '{}',
        origin_city text,
        hs_code text NOT NULL CHECK (hs_code ~ '^[0-9]{6,10}$'),
        images jsonb NOT NULL DEFAULT '[]',
        -- lowest variant price, kept by the service in the same transaction as the variants
        price_amount bigint,
        price_currency char(3) NOT NULL DEFAULT 'MAD',
        rating_average numeric(3,2),
        rating_count integer NOT NULL DEFAULT 0,
        search tsvector NOT NULL DEFAULT ''::tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      )`);
    // Public listing: active products, newest first, with each filter on an index of its own.
    await q.query(
      `CREATE INDEX product_active_idx ON product (created_at DESC, id DESC) WHERE status = 'active'`,
    );
    await q.query(
      `CREATE INDEX product_craft_idx ON product (craft, created_at DESC, id DESC) WHERE status = 'active'`,
    );
    await q.query(
      `CREATE INDEX product_cooperative_idx ON product (cooperative_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX product_price_idx ON product (price_amount, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX product_category_idx ON product (category_id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX product_search_idx ON product USING gin (search) WHERE status = 'active'`);
    await q.query(`
      CREATE FUNCTION product_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('souk_fr', coalesce(NEW.title->>'fr', '')), 'A') ||
          setweight(to_tsvector('souk_en', coalesce(NEW.title->>'en', '')), 'A') ||
          setweight(to_tsvector('souk_simple', coalesce(NEW.title->>'ar', '')), 'A') ||
          setweight(to_tsvector('souk_simple', NEW.craft || ' ' || coalesce(NEW.origin_city, '') || ' ' ||
                                array_to_string(NEW.materials, ' ')), 'B') ||
          setweight(to_tsvector('souk_fr', coalesce(NEW.description->>'fr', '')), 'C') ||
          setweight(to_tsvector('souk_en', coalesce(NEW.description->>'en', '')), 'C') ||
          setweight(to_tsvector('souk_simple', coalesce(NEW.description->>'ar', '')), 'C');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER product_search_trg BEFORE INSERT OR UPDATE OF title, description, craft, origin_city, materials
      ON product FOR EACH ROW EXECUTE FUNCTION product_search_refresh()`);

    await q.query(`
      CREATE TABLE variant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE RESTRICT,
        sku text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        price_amount bigint NOT NULL CHECK (price_amount > 0),
        price_currency char(3) NOT NULL DEFAULT 'MAD',
        stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= stock),
        weight_grams integer NOT NULL CHECK (weight_grams > 0),
        length_mm integer NOT NULL CHECK (length_mm > 0),
        width_mm integer NOT NULL CHECK (width_mm > 0),
        height_mm integer NOT NULL CHECK (height_mm > 0),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, sku)
      )`);
    await q.query(`CREATE INDEX variant_product_idx ON variant (product_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'variant',
      'product',
      'category',
      'cooperative_invitation',
      'cooperative_member',
      'cooperative',
      'api_key',
      'refresh_token',
      'app_user',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS product_search_refresh()`);
    await q.query(`DROP FUNCTION IF EXISTS cooperative_search_refresh()`);
    for (const name of ['souk_fr', 'souk_en', 'souk_simple']) {
      await q.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS ${name}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS souk_unaccent(text)`);
  }
}
