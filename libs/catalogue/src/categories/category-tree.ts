import { Injectable } from '@nestjs/common';
import { Sql } from '@souk/platform';

interface Node {
  id: string;
  slug: string;
  parent_id: string | null;
}

const TTL_MS = 30_000;

/**
 * The shape of the category tree (ids, slugs, parents), held in memory: a few hundred rows that
 * change rarely. Filtering products by a category then passes the planner a constant list of ids,
 * which it can estimate and serve from product_category_idx; a subquery there hides the values.
 */
@Injectable()
export class CategoryTree {
  private nodes: Node[] = [];
  private loadedAt = 0;

  constructor(private readonly sql: Sql) {}

  /** The category (by id or slug) and all its descendants; undefined when there is no such category. */
  async subtreeIds(idOrSlug: string): Promise<string[] | undefined> {
    let root = this.find(idOrSlug);
    // A miss reloads at once, so a category created on another replica is found.
    if (!root || Date.now() - this.loadedAt > TTL_MS) {
      await this.reload();
      root = this.find(idOrSlug);
    }
    if (!root) return undefined;
    const ids = [root.id];
    for (let i = 0; i < ids.length; i++)
      for (const n of this.nodes) if (n.parent_id === ids[i]) ids.push(n.id);
    return ids;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }

  private find(idOrSlug: string): Node | undefined {
    const key = idOrSlug.toLowerCase();
    return this.nodes.find((n) => n.id === key || n.slug === key);
  }

  private async reload(): Promise<void> {
    this.nodes = await this.sql.rows<Node>(`SELECT id, slug, parent_id FROM category`);
    this.loadedAt = Date.now();
  }
}
