import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified-buyer reviews (libs/storefronts/src/reviews): one per delivered order line, answered
 * once by the cooperative, hidden (never deleted) by admins, reported once per person.
 *
 * Product and cooperative ratings are kept by a trigger, in the same transaction as the review
 * row that changes them, whatever the writer: they never drift from the rows. The shift is
 * incremental (distribution[rating] ± 1) rather than recomputed, because a recount in one
 * transaction cannot see another's uncommitted review, while an UPDATE of the counters re-reads
 * the latest row version after waiting on its lock.
 */
export class Reviews1764500000000 implements MigrationInterface {
  name = 'Reviews1764500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['product', 'cooperative']) {
      // Visible reviews by star, 1 to 5: the average and the count are derived from it.
      await q.query(`
        ALTER TABLE ${table} ADD COLUMN rating_distribution integer[] NOT NULL DEFAULT '{0,0,0,0,0}'
          CONSTRAINT ${table}_rating_distribution_check
          CHECK (cardinality(rating_distribution) = 5 AND 0 <= ALL (rating_distribution))`);
    }

    await q.query(`
      CREATE TABLE review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE RESTRICT,
        cooperative_id uuid NOT NULL REFERENCES cooperative(id) ON DELETE RESTRICT,
        -- the delivered line it speaks for: one review per line
        order_line_id uuid NOT NULL UNIQUE REFERENCES order_line(id) ON DELETE RESTRICT,
        author_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        -- as shown to readers ("Claire M."), taken when the review is written
        author_name text NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        title text NOT NULL,
        body text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'en', 'ar')),
        images text[] NOT NULL DEFAULT '{}',
        reply_body text,
        reply_author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        replied_at timestamptz,
        hidden_at timestamptz,
        hidden_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        hidden_reason text,
        report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL)),
        CHECK ((replied_at IS NULL) = (reply_body IS NULL))
      )`);
    // The public lists: visible reviews, newest first or by rating, per product and per storefront.
    for (const owner of ['product', 'cooperative']) {
      await q.query(
        `CREATE INDEX review_${owner}_newest_idx ON review (${owner}_id, created_at DESC, id DESC) WHERE hidden_at IS NULL`,
      );
      await q.query(
        `CREATE INDEX review_${owner}_rating_idx ON review (${owner}_id, rating DESC, created_at DESC, id DESC) WHERE hidden_at IS NULL`,
      );
    }
    // The per-buyer rate limit counts the author's recent reviews.
    await q.query(`CREATE INDEX review_author_idx ON review (author_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE review_report (
        review_id uuid NOT NULL REFERENCES review(id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, reporter_id)
      )`);

    // Every hide and unhide, with who and why; the review row holds the current state.
    await q.query(`
      CREATE TABLE review_moderation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES review(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('hidden', 'unhidden')),
        reason text NOT NULL,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_moderation_review_idx ON review_moderation (review_id, id)`);

    await q.query(`
      CREATE FUNCTION rating_total(d integer[]) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT d[1]::bigint + 2 * d[2] + 3 * d[3] + 4 * d[4] + 5 * d[5] $$`);
    // One visible review of `star` stars comes (delta 1) or goes (delta -1) for a product and its cooperative.
    await q.query(`
      CREATE FUNCTION review_rating_shift(of_product uuid, of_cooperative uuid, star smallint, delta integer) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE product
           SET rating_distribution[star] = rating_distribution[star] + delta,
               rating_count = rating_count + delta,
               rating_average = round((rating_total(rating_distribution) + delta * star)::numeric
                                      / nullif(rating_count + delta, 0), 2)
         WHERE id = of_product;
        UPDATE cooperative
           SET rating_distribution[star] = rating_distribution[star] + delta,
               rating_count = rating_count + delta,
               rating_average = round((rating_total(rating_distribution) + delta * star)::numeric
                                      / nullif(rating_count + delta, 0), 2)
         WHERE id = of_cooperative;
      END $$`);
    await q.query(`
      CREATE FUNCTION review_rating_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.rating = NEW.rating AND OLD.product_id = NEW.product_id
           AND OLD.cooperative_id = NEW.cooperative_id
           AND (OLD.hidden_at IS NULL) = (NEW.hidden_at IS NULL) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.hidden_at IS NULL THEN
          PERFORM review_rating_shift(OLD.product_id, OLD.cooperative_id, OLD.rating, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.hidden_at IS NULL THEN
          PERFORM review_rating_shift(NEW.product_id, NEW.cooperative_id, NEW.rating, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER review_rating_trg
      AFTER INSERT OR DELETE OR UPDATE OF rating, hidden_at, product_id, cooperative_id ON review
      FOR EACH ROW EXECUTE FUNCTION review_rating_apply()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS review_moderation`);
    await q.query(`DROP TABLE IF EXISTS review_report`);
    await q.query(`DROP TABLE IF EXISTS review`);
    await q.query(`DROP FUNCTION IF EXISTS review_rating_apply()`);
    await q.query(`DROP FUNCTION IF EXISTS review_rating_shift(uuid, uuid, smallint, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS rating_total(integer[])`);
    await q.query(`ALTER TABLE cooperative DROP COLUMN IF EXISTS rating_distribution`);
    await q.query(`ALTER TABLE product DROP COLUMN IF EXISTS rating_distribution`);
  }
}
