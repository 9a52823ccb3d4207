import { Injectable } from '@nestjs/common';
import { decodeCursor, Problem, Sql, toPage, type Page, type SqlRunner } from '@souk/platform';
import { CategoryTree } from '../categories/category-tree';
import type { Craft } from '../crafts';
import {
  toProductView,
  type Currency,
  type ProductRow,
  type ProductStatus,
  type ProductView,
} from './product.view';

/** What a product list can be narrowed by. Every filter is backed by an index (see the Foundation migration). */
export interface ProductListFilters {
  /** Full-text search over titles, descriptions, craft, city and materials, in every locale, accent-insensitive. */
  q?: string;
  craft?: Craft;
  /** One cooperative's products (storefront pages, members' view). */
  cooperativeId?: string;
  /** Same as cooperativeId, by the cooperative's public slug (an unknown slug gives an empty page). */
  cooperativeSlug?: string;
  /** A category and everything under it in the tree (an unknown one is a 400 naming `category`). */
  categoryId?: string;
  categorySlug?: string;
  /** Bounds on the product's lowest variant price, in minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Only MAD for now. */
  currency?: Currency;
  /** Default `['active']`, the public catalogue; only members' views ask for others. */
  statuses?: readonly ProductStatus[];
  cursor?: string;
  /** 1 to 100, default 20. */
  limit?: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A UTC timestamp with microseconds that PostgreSQL will accept (no 30 February). */
const isInstant = (text: string): boolean => {
  if (!UTC_MICROS.test(text)) return false;
  const date = new Date(text.slice(0, 23) + 'Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === text.slice(0, 23);
};

/** The columns a ProductRow needs, from `product p`. */
const PRODUCT_COLUMNS = `p.id, p.slug, p.cooperative_id, p.status, p.title, p.description, p.craft, p.materials,
  p.origin_city, p.hs_code, p.category_id, p.images, p.rating_average, p.rating_count, p.rating_distribution,
  p.price_amount, p.price_currency, p.created_at, p.updated_at`;

/** One variant `v` as the API returns it. */
export const VARIANT_JSON = `json_build_object(
  'id', v.id, 'sku', v.sku, 'options', v.options,
  'price', json_build_object('amount', v.price_amount, 'currency', v.price_currency),
  'stock', v.stock, 'available', v.stock - v.reserved, 'weightGrams', v.weight_grams,
  'dimensionsMm', json_build_object('length', v.length_mm, 'width', v.width_mm, 'height', v.height_mm))`;

/** The variants of `p`, as the JSON array the API returns, in one lateral aggregate. */
const VARIANTS_LATERAL = `CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(${VARIANT_JSON} ORDER BY v.position, v.created_at, v.id), '[]'::json) AS variants
    FROM variant v WHERE v.product_id = p.id) vs`;

/**
 * The hot read path: one SQL statement per page, keyset-paginated, variants aggregated as JSON.
 * The page is cut in a subquery first, so variants are aggregated for the kept rows only.
 */
@Injectable()
export class ProductsQuery {
  constructor(
    private readonly sql: Sql,
    private readonly categories: CategoryTree,
  ) {}

  async list(filters: ProductListFilters): Promise<Page<ProductView>> {
    const limit = filters.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw Problem.field('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    if (filters.currency !== undefined && filters.currency !== 'MAD')
      throw Problem.field('currency', 'must be MAD: prices are listed in MAD only for now');

    const params: unknown[] = [];
    const $ = (value: unknown): string => `$${params.push(value)}`;
    const where: string[] = [];

    // The literal predicate lets the planner pick the partial indexes (… WHERE status = 'active').
    const statuses = filters.statuses ?? ['active'];
    where.push(
      statuses.length === 1 && statuses[0] === 'active'
        ? `p.status = 'active'`
        : `p.status = ANY(${$(statuses)}::text[])`,
    );
    if (filters.craft) where.push(`p.craft = ${$(filters.craft)}`);
    if (filters.cooperativeId) where.push(`p.cooperative_id = ${$(filters.cooperativeId)}::uuid`);
    if (filters.cooperativeSlug)
      where.push(
        `p.cooperative_id = (SELECT id FROM cooperative WHERE slug = ${$(filters.cooperativeSlug)})`,
      );
    const category = filters.categoryId ?? filters.categorySlug;
    if (category !== undefined) {
      const ids = await this.categories.subtreeIds(category);
      if (!ids) throw Problem.field('category', 'is not a category');
      where.push(`p.category_id = ANY(${$(ids)}::uuid[])`);
    }
    if (filters.minPrice !== undefined) where.push(`p.price_amount >= ${$(filters.minPrice)}`);
    if (filters.maxPrice !== undefined) where.push(`p.price_amount <= ${$(filters.maxPrice)}`);
    if (filters.currency) where.push(`p.price_currency = ${$(filters.currency)}`);

    // With a query the order is relevance, and the cursor carries the rank; otherwise newest first.
    const q = filters.q?.replace(/\u0000/g, '').trim();
    const mode = q ? 'r' : 't';
    let key: string;
    if (q) {
      const x = $(q);
      const tsquery = `(websearch_to_tsquery('souk_en', ${x}) || websearch_to_tsquery('souk_fr', ${x}) || websearch_to_tsquery('souk_simple', ${x}))`;
      where.push(`p.search @@ ${tsquery}`);
      key = `ts_rank_cd(p.search, ${tsquery})`;
    } else {
      key = 'p.created_at';
    }
    if (filters.cursor) {
      const [after, id] = this.cursorValues(filters.cursor, mode);
      where.push(`(${key}, p.id) < (${$(after)}::${mode === 'r' ? 'real' : 'timestamptz'}, ${$(id)}::uuid)`);
    }
    const cursorKey =
      mode === 'r' ? `${key}` : `to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

    const rows = await this.sql.rows<ProductRow & { sort_key: number | string; sort_rank: number | null }>(
      `SELECT p.*, vs.variants
         FROM (SELECT ${PRODUCT_COLUMNS}, ${cursorKey} AS sort_key${q ? `, ${key} AS sort_rank` : ''}
                 FROM product p
                WHERE ${where.join('\n                  AND ')}
                ORDER BY ${key} DESC, p.id DESC
                LIMIT ${$(limit + 1)}) p
         ${VARIANTS_LATERAL}
        ORDER BY ${q ? 'p.sort_rank' : 'p.created_at'} DESC, p.id DESC`,
      params,
    );
    return toPage(rows, limit, (row) => [mode, row.sort_key, row.id], toProductView);
  }

  /** One product by id or slug, whatever its status (callers decide who may see drafts). */
  async one(idOrSlug: string, runner: SqlRunner = this.sql): Promise<ProductView | undefined> {
    const column = UUID.test(idOrSlug) ? 'id' : 'slug';
    const row = await runner.one<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS}, vs.variants FROM product p ${VARIANTS_LATERAL} WHERE p.${column} = $1`,
      [column === 'id' ? idOrSlug.toLowerCase() : idOrSlug],
    );
    return row && toProductView(row);
  }

  private cursorValues(cursor: string, mode: 'r' | 't'): [number | string, string] {
    const [kind, after, id] = decodeCursor(cursor, 3);
    const valid =
      kind === mode &&
      typeof id === 'string' &&
      UUID.test(id) &&
      (mode === 'r'
        ? typeof after === 'number' && Math.abs(after) < 1e30
        : typeof after === 'string' && isInstant(after));
    if (!valid) throw Problem.field('cursor', 'is not a cursor this list gave out (was `q` changed?)');
    return [after as number | string, id as string];
  }
}
