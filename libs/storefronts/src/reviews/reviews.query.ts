import { Injectable } from '@nestjs/common';
import { decodeCursor, Problem, Sql, toPage, type Page } from '@souk/platform';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../storefronts/dto/list-storefronts.dto';
import type { ReviewLocale, ReviewSort } from './dto/review.dto';
import { REVIEW_COLUMNS, toReviewView, type ReviewRow, type ReviewView } from './review.view';

export interface ReviewFilters {
  sort?: ReviewSort;
  rating?: number;
  locale?: ReviewLocale;
  cursor?: string;
  limit?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Microseconds, so a cursor never skips reviews written in the same millisecond. */
const CREATED_KEY = `to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const isInstant = (value: unknown): value is string => {
  if (typeof value !== 'string' || !UTC_MICROS.test(value)) return false;
  const date = new Date(value.slice(0, 23) + 'Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === value.slice(0, 23);
};

const ORDER: Record<ReviewSort, string> = {
  newest: 'r.created_at DESC, r.id DESC',
  highest: 'r.rating DESC, r.created_at DESC, r.id DESC',
  lowest: 'r.rating ASC, r.created_at DESC, r.id DESC',
};

type Row = ReviewRow & { created_key: string };

/**
 * The public review lists: visible reviews of one product or one storefront, one statement on
 * the review_<owner>_newest_idx / review_<owner>_rating_idx partial indexes, keyset-paginated.
 * The cursor carries the sort it was made for, so it cannot be replayed against another.
 */
@Injectable()
export class ReviewsQuery {
  constructor(private readonly sql: Sql) {}

  /** The product's id from its id or slug; undefined when there is no such product to show. */
  async productId(idOrSlug: string): Promise<string | undefined> {
    const uuid = UUID.test(idOrSlug);
    const row = await this.sql.one<{ id: string }>(
      `SELECT id FROM product WHERE ${uuid ? 'id = $1::uuid' : 'slug = $1'} AND status <> 'draft'`,
      [uuid ? idOrSlug.toLowerCase() : idOrSlug],
    );
    return row?.id;
  }

  list(owner: 'product' | 'cooperative', ownerId: string, filters: ReviewFilters): Promise<Page<ReviewView>> {
    const limit = filters.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw Problem.field('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    const sort = filters.sort ?? 'newest';
    const params: unknown[] = [];
    const $ = (value: unknown): string => `$${params.push(value)}`;
    const where = [`r.${owner}_id = ${$(ownerId)}::uuid`, 'r.hidden_at IS NULL'];
    if (filters.rating !== undefined) where.push(`r.rating = ${$(filters.rating)}`);
    if (filters.locale) where.push(`r.locale = ${$(filters.locale)}`);
    if (filters.cursor) {
      const after = this.after(filters.cursor, sort);
      const created = `(r.created_at, r.id) < (${$(after.createdAt)}::timestamptz, ${$(after.id)}::uuid)`;
      if (sort === 'newest') where.push(created);
      else {
        const rating = $(after.rating);
        where.push(
          `(r.rating ${sort === 'highest' ? '<' : '>'} ${rating} OR (r.rating = ${rating} AND ${created}))`,
        );
      }
    }
    return this.sql
      .rows<Row>(
        `SELECT ${REVIEW_COLUMNS}, ${CREATED_KEY} AS created_key
           FROM review r
          WHERE ${where.join(' AND ')}
          ORDER BY ${ORDER[sort]}
          LIMIT ${$(limit + 1)}`,
        params,
      )
      .then((rows) =>
        toPage(
          rows,
          limit,
          (row) => [sort, row.rating, row.created_key, row.id],
          (row) => toReviewView(row),
        ),
      );
  }

  private after(cursor: string, sort: ReviewSort): { rating: number; createdAt: string; id: string } {
    const [kind, rating, createdAt, id] = decodeCursor(cursor, 4);
    const valid =
      kind === sort &&
      Number.isInteger(rating) &&
      (rating as number) >= 1 &&
      (rating as number) <= 5 &&
      isInstant(createdAt) &&
      typeof id === 'string' &&
      UUID.test(id);
    if (!valid) throw Problem.field('cursor', 'is not a cursor this list gave out (was `sort` changed?)');
    return { rating: rating as number, createdAt, id };
  }
}
