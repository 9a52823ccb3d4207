import { Inject, Injectable } from '@nestjs/common';
import {
  Outbox,
  Problem,
  problemType,
  SOUK_CONFIG,
  Sql,
  TenancyService,
  type SoukConfig,
  type SqlRunner,
} from '@souk/platform';
import { TITLE_MAX_LENGTH, type CreateReviewDto } from './dto/review.dto';
import { plainText } from './plain-text';
import { alreadyReviewed, reviewableLine } from './review-eligibility';
import { ReviewsQuery } from './reviews.query';
import { REVIEW_COLUMNS, publicName, toReviewView, type ReviewRow, type ReviewView } from './review.view';

/** Outbox events of reviews; the insights refresh satisfaction on them. */
export const REVIEW_EVENTS = [
  'review.created',
  'review.hidden',
  'review.unhidden',
  'review.deleted',
] as const;
export type ReviewEvent = (typeof REVIEW_EVENTS)[number];

const UNIQUE_VIOLATION = '23505';

/** The plain text of a field, its length checked once the markup is gone (400 naming the field). */
function cleaned(field: string, raw: string, max: number): string {
  const text = plainText(raw);
  if (text.length === 0) throw Problem.field(field, 'must contain text once HTML is removed');
  if (text.length > max) throw Problem.field(field, `must be at most ${max} characters`);
  return text;
}

/**
 * Writing and moderating reviews. Every change runs in one transaction with its outbox event;
 * the product's and the cooperative's ratings follow in that same transaction, through the
 * review_rating_trg trigger (migration 1764500000000-Reviews), whatever path changed the row.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly sql: Sql,
    private readonly outbox: Outbox,
    private readonly tenancy: TenancyService,
    private readonly reviews: ReviewsQuery,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async create(buyerId: string, productIdOrSlug: string, dto: CreateReviewDto): Promise<ReviewView> {
    const title = cleaned('title', dto.title, TITLE_MAX_LENGTH);
    const text = cleaned('text', dto.text, this.config.REVIEW_TEXT_MAX_LENGTH);

    const productId = await this.productId(productIdOrSlug);
    try {
      return await this.sql.transaction(async (tx) => {
        // One buyer's reviews are written one at a time: each then sees the lines the last one took.
        await tx.rows(`SELECT pg_advisory_xact_lock(hashtextextended('review-author:' || $1, 0))`, [buyerId]);
        const line = await reviewableLine(tx, buyerId, productId, dto.orderLineId);
        await this.assertUnderRate(tx, buyerId);
        const author = await tx.one<{ name: string }>(`SELECT name FROM app_user WHERE id = $1`, [buyerId]);
        if (!author) throw Problem.unauthorized('Your account no longer exists');
        const row = (await tx.one<ReviewRow>(
          `INSERT INTO review AS r (product_id, cooperative_id, order_line_id, author_id, author_name, rating, title,
                                   body, locale, images)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING ${REVIEW_COLUMNS}`,
          [
            productId,
            line.cooperativeId,
            line.orderLineId,
            buyerId,
            publicName(author.name),
            dto.rating,
            title,
            text,
            dto.locale,
            dto.images ?? [],
          ],
        ))!;
        await this.announce(tx, 'review.created', row);
        return toReviewView(row);
      });
    } catch (err) {
      // Two submissions for the same line racing past the eligibility read: the unique key decides.
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION)
        throw alreadyReviewed();
      throw err;
    }
  }

  /** The cooperative's one answer; only its members (owners and managers) may give it. */
  async reply(userId: string, reviewId: string, raw: string): Promise<ReviewView> {
    const text = cleaned('text', raw, this.config.REVIEW_TEXT_MAX_LENGTH);
    const review = await this.visible(reviewId);
    if (!(await this.tenancy.roleIn(userId, review.cooperative_id)))
      throw Problem.forbidden('Only members of the cooperative that sold it can answer a review');
    const row = await this.sql.one<ReviewRow>(
      `UPDATE review AS r SET reply_body = $2, reply_author_id = $3, replied_at = now(), updated_at = now()
        WHERE r.id = $1 AND r.reply_body IS NULL
        RETURNING ${REVIEW_COLUMNS}`,
      [reviewId, text, userId],
    );
    if (!row)
      throw Problem.conflict('This review has already been answered: a cooperative answers each review once');
    return toReviewView(row);
  }

  /** Hidden, not deleted: the review stays with who hid it and why, and stops counting. */
  async hide(adminId: string, reviewId: string, reason: string): Promise<ReviewView> {
    return this.moderate(adminId, reviewId, 'hidden', reason);
  }

  async unhide(adminId: string, reviewId: string, reason: string): Promise<ReviewView> {
    return this.moderate(adminId, reviewId, 'unhidden', reason);
  }

  /** Anyone signed in may report a visible review, once. */
  async report(
    userId: string,
    reviewId: string,
    reason: string,
  ): Promise<{ reviewId: string; reports: number }> {
    await this.visible(reviewId);
    return this.sql.transaction(async (tx) => {
      const added = await tx.one(
        `INSERT INTO review_report (review_id, reporter_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (review_id, reporter_id) DO NOTHING RETURNING review_id`,
        [reviewId, userId, reason.trim()],
      );
      if (!added) throw Problem.conflict('You have already reported this review');
      const row = await tx.one<{ report_count: number }>(
        `UPDATE review SET report_count = report_count + 1 WHERE id = $1 RETURNING report_count`,
        [reviewId],
      );
      return { reviewId, reports: row!.report_count };
    });
  }

  /** Its author may take a review back, and an admin may remove one outright. */
  async delete(userId: string, isAdmin: boolean, reviewId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const row = await tx.one<ReviewRow & { author_id: string }>(
        `SELECT ${REVIEW_COLUMNS}, r.author_id FROM review r WHERE r.id = $1 FOR UPDATE`,
        [reviewId],
      );
      if (!row || (row.hidden_at && !isAdmin)) throw Problem.notFound('Review', reviewId);
      if (row.author_id !== userId && !isAdmin)
        throw Problem.forbidden('Only its author can delete a review');
      await tx.rows(`DELETE FROM review WHERE id = $1`, [reviewId]);
      await this.announce(tx, 'review.deleted', row);
    });
  }

  /** One review: visible ones to anyone, hidden ones to admins only, who also see its moderation. */
  async one(reviewId: string, asAdmin: boolean): Promise<ReviewView> {
    const row = await this.sql.one<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM review r WHERE r.id = $1`, [
      reviewId,
    ]);
    if (!row || (row.hidden_at && !asAdmin)) throw Problem.notFound('Review', reviewId);
    return toReviewView(row, { moderation: asAdmin });
  }

  private async moderate(
    adminId: string,
    reviewId: string,
    action: 'hidden' | 'unhidden',
    reason: string,
  ): Promise<ReviewView> {
    const hide = action === 'hidden';
    return this.sql.transaction(async (tx) => {
      const row = await tx.one<ReviewRow>(
        hide
          ? `UPDATE review AS r SET hidden_at = now(), hidden_by = $2, hidden_reason = $3, updated_at = now()
              WHERE r.id = $1 AND r.hidden_at IS NULL
              RETURNING ${REVIEW_COLUMNS}`
          : `UPDATE review AS r SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL, updated_at = now()
              WHERE r.id = $1 AND r.hidden_at IS NOT NULL
              RETURNING ${REVIEW_COLUMNS}`,
        hide ? [reviewId, adminId, reason.trim()] : [reviewId],
      );
      if (!row) {
        if (!(await tx.one(`SELECT 1 FROM review WHERE id = $1`, [reviewId])))
          throw Problem.notFound('Review', reviewId);
        throw Problem.conflict(hide ? 'This review is already hidden' : 'This review is not hidden');
      }
      await tx.rows(
        `INSERT INTO review_moderation (review_id, action, reason, actor_id) VALUES ($1, $2, $3, $4)`,
        [reviewId, action, reason.trim(), adminId],
      );
      await this.announce(tx, hide ? 'review.hidden' : 'review.unhidden', row);
      return toReviewView(row, { moderation: true });
    });
  }

  /** A buyer writes at most REVIEWS_PER_HOUR reviews an hour (exact: the caller holds the buyer's lock). */
  private async assertUnderRate(tx: SqlRunner, buyerId: string): Promise<void> {
    const recent = await tx.one<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM review
        WHERE author_id = $1 AND created_at > now() - interval '1 hour'`,
      [buyerId],
    );
    const limit = this.config.REVIEWS_PER_HOUR;
    if (recent && recent.n >= limit) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((recent.oldest!.getTime() + 3_600_000 - Date.now()) / 1000),
      );
      throw new Problem({
        type: problemType('rate-limited'),
        title: 'Too many requests',
        status: 429,
        detail: `A buyer can write ${limit} review${limit === 1 ? '' : 's'} an hour; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    }
  }

  private async visible(reviewId: string): Promise<{ cooperative_id: string }> {
    const row = await this.sql.one<{ cooperative_id: string }>(
      `SELECT cooperative_id FROM review WHERE id = $1 AND hidden_at IS NULL`,
      [reviewId],
    );
    if (!row) throw Problem.notFound('Review', reviewId);
    return row;
  }

  private async productId(idOrSlug: string): Promise<string> {
    const id = await this.reviews.productId(idOrSlug);
    if (!id) throw Problem.notFound('Product', idOrSlug);
    return id;
  }

  private announce(tx: SqlRunner, type: ReviewEvent, row: ReviewRow): Promise<void> {
    return this.outbox.add(tx, {
      type,
      aggregateType: 'review',
      aggregateId: row.id,
      payload: {
        reviewId: row.id,
        productId: row.product_id,
        cooperativeId: row.cooperative_id,
        rating: row.rating,
      },
    });
  }
}
