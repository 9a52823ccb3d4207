import { Injectable } from '@nestjs/common';
import { Sql } from '@souk/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves a category to itself and its descendants, in one small recursive query. Filtering
 * products by category then passes the planner a constant list of ids, which it can estimate and
 * serve from product_category_idx; a subquery inside the product statement hides the values.
 */
@Injectable()
export class CategoryTree {
  constructor(private readonly sql: Sql) {}

  /** The category (by id or slug) and all its descendants; undefined when there is no such category. */
  async subtreeIds(idOrSlug: string): Promise<string[] | undefined> {
    const rows = await this.sql.rows<{ id: string }>(
      `WITH RECURSIVE tree AS (
         SELECT id FROM category WHERE ${UUID.test(idOrSlug) ? 'id = $1::uuid' : 'slug = $1'}
         UNION ALL
         SELECT c.id FROM category c JOIN tree ON c.parent_id = tree.id)
       SELECT id FROM tree`,
      [UUID.test(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug],
    );
    return rows.length > 0 ? rows.map((r) => r.id) : undefined;
  }
}
