import { Injectable } from '@nestjs/common';
import type { Craft } from '@souk/catalogue';
import { decodeCursor, Problem, Sql, toPage, type Page } from '@souk/platform';
import type { RegionCode } from '../regions';
import { DEFAULT_LIMIT, MAX_LIMIT } from './dto/list-storefronts.dto';
import {
  STOREFRONT_COLUMNS,
  toStorefrontView,
  type StorefrontRow,
  type StorefrontView,
} from './storefront.view';

export interface StorefrontFilters {
  region?: RegionCode;
  craft?: Craft;
  verified?: boolean;
  /** Full text, accent-insensitive; the order becomes relevance. */
  q?: string;
  cursor?: string;
  limit?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Microsecond precision, so a cursor never skips rows created in the same millisecond. */
const CREATED_KEY = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A timestamp as CREATED_KEY writes it, and a real one (no 30th of February reaches PostgreSQL). */
const isUtcMicros = (value: unknown): value is string =>
  typeof value === 'string' &&
  UTC_MICROS.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().slice(0, 23) === value.slice(0, 23);

type Row = StorefrontRow & { created_key: string; rank: number | null };

/** The public storefront reads: each one SQL statement on the Foundation migration's indexes. */
@Injectable()
export class StorefrontsQuery {
  constructor(private readonly sql: Sql) {}

  /**
   * Newest first, keyset-paginated on (created_at, id); with `q`, by rank and the cursor
   * carries the rank too. Every filter is a plain predicate the planner can match to an index.
   */
  async list(filters: StorefrontFilters): Promise<Page<StorefrontView>> {
    const limit = filters.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw Problem.field('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    }
    const params: unknown[] = [];
    const $ = (value: unknown): string => `$${params.push(value)}`;
    const where: string[] = [];

    if (filters.region) where.push(`c.region = ${$(filters.region)}`);
    if (filters.craft) where.push(`c.crafts @> ARRAY[${$(filters.craft)}]::text[]`);
    // The literal predicates match cooperative_verified_idx's WHERE clause.
    if (filters.verified === true) where.push(`c.verified_at IS NOT NULL`);
    if (filters.verified === false) where.push(`c.verified_at IS NULL`);

    let rank = 'NULL::real';
    if (filters.q) {
      const q = $(filters.q);
      const tsquery = `(websearch_to_tsquery('souk_simple', ${q}) || websearch_to_tsquery('souk_fr', ${q}) || websearch_to_tsquery('souk_en', ${q}))`;
      where.push(`c.search @@ ${tsquery}`);
      rank = `ts_rank(c.search, ${tsquery})`;
    }

    if (filters.cursor) {
      const after = this.cursorValues(filters.cursor, Boolean(filters.q));
      where.push(
        filters.q
          ? `(${rank}, c.created_at, c.id) < (${$(after.rank)}::real, ${$(after.createdAt)}::timestamptz, ${$(after.id)}::uuid)`
          : `(c.created_at, c.id) < (${$(after.createdAt)}::timestamptz, ${$(after.id)}::uuid)`,
      );
    }

    const rows = await this.sql.rows<Row>(
      `SELECT ${STOREFRONT_COLUMNS}, ${CREATED_KEY} AS created_key, ${rank} AS rank
         FROM cooperative c
        ${where.length ? `WHERE ${where.join('\n          AND ')}` : ''}
        ORDER BY ${filters.q ? `${rank} DESC, ` : ''}c.created_at DESC, c.id DESC
        LIMIT ${$(limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (row) => (filters.q ? [row.rank, row.created_key, row.id] : [row.created_key, row.id]),
      toStorefrontView,
    );
  }

  async bySlug(slug: string): Promise<StorefrontView | undefined> {
    const row = await this.sql.one<StorefrontRow>(
      `SELECT ${STOREFRONT_COLUMNS} FROM cooperative c WHERE c.slug = $1`,
      [slug],
    );
    return row && toStorefrontView(row);
  }

  async idOfSlug(slug: string): Promise<string | undefined> {
    return (await this.sql.one<{ id: string }>(`SELECT id FROM cooperative WHERE slug = $1`, [slug]))?.id;
  }

  /** A cursor is only good for the kind of list that gave it out (with or without `q`). */
  private cursorValues(cursor: string, ranked: boolean): { rank?: number; createdAt: string; id: string } {
    const values = decodeCursor(cursor, ranked ? 3 : 2);
    const [rank, createdAt, id] = ranked ? values : [undefined, ...values];
    const valid =
      (!ranked || (typeof rank === 'number' && rank >= 0 && rank < 1e6)) &&
      isUtcMicros(createdAt) &&
      typeof id === 'string' &&
      UUID.test(id);
    if (!valid) throw Problem.field('cursor', 'is not a cursor this list gave out (was `q` changed?)');
    return { rank: rank as number | undefined, createdAt: createdAt as string, id: id as string };
  }
}
