import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadNative } from '../support/native';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The hot read path must stay on its indexes. The statement ProductsQuery builds is captured (its Sql
 * is replaced by a recorder) and EXPLAINed on a seeded database, so a change to the query or to the
 * migration that loses an index fails here.
 */
type Catalogue = typeof import('../../libs/catalogue/src/products/products.query');
type Tree = typeof import('../../libs/catalogue/src/categories/category-tree');

let t: TestApp;
let coopId: string;

async function statementFor(filters: Record<string, unknown>): Promise<{ text: string; params: unknown[] }> {
  const { ProductsQuery } = loadNative<Catalogue>('libs/catalogue/src/products/products.query.ts');
  const { CategoryTree } = loadNative<Tree>('libs/catalogue/src/categories/category-tree.ts');
  const tree = new CategoryTree({
    rows: async (text: string, params: unknown[]) => (await t.db.query(text, params)).rows,
  } as never);
  let captured: { text: string; params: unknown[] } | undefined;
  const recorder = { rows: async (text: string, params: unknown[]) => ((captured = { text, params }), []) };
  await new ProductsQuery(recorder as never, tree).list(filters as never);
  return captured!;
}

async function plan(filters: Record<string, unknown>): Promise<string> {
  const { text, params } = await statementFor(filters);
  const { rows } = await t.db.query(`EXPLAIN ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

beforeAll(async () => {
  t = await startTestApp();
  // 30,000 products across 200 cooperatives, 90% active, one variant each: enough for the planner to prefer indexes.
  await t.db.query(`
    INSERT INTO cooperative (slug, name, legal_form, region, city)
    SELECT 'seed-' || i, 'Seed ' || i, 'cooperative', 'fes-meknes', 'Fès' FROM generate_series(1, 200) i`);
  await t.db.query(`
    INSERT INTO category (slug, name) SELECT 'seed-cat-' || i, '{"fr":"c","en":"c"}' FROM generate_series(1, 50) i`);
  await t.db.query(
    `INSERT INTO category (slug, name, parent_id) SELECT 'seed-sub-' || i, '{"fr":"c","en":"c"}', (SELECT id FROM category WHERE slug = 'seed-cat-3') FROM generate_series(1, 3) i`,
  );
  await t.db.query(`
    WITH c AS (SELECT array_agg(id ORDER BY slug) AS ids FROM cooperative),
         k AS (SELECT array_agg(id ORDER BY slug) AS ids FROM category)
    INSERT INTO product (slug, cooperative_id, category_id, status, title, description, craft, origin_city, hs_code,
                         price_amount, created_at)
    SELECT 'seed-p-' || i, c.ids[1 + i % 200], CASE WHEN i % 1000 = 0 THEN (SELECT id FROM category WHERE slug = 'seed-sub-1') ELSE k.ids[1 + i % 50] END,
           CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'active' END,
           jsonb_build_object('fr', 'Objet ' || i || ' ' || (ARRAY['tajine','bol','tapis','lanterne','pouf','plat','vase','coffret','sac','miroir'])[1 + i % 10],
                              'en', 'Item ' || i || CASE WHEN i % 500 = 0 THEN ' babouches' ELSE '' END || ' ' || (ARRAY['tagine','bowl','rug','lantern','pouf','plate','vase','box','bag','mirror'])[1 + i % 10]),
           jsonb_build_object('fr', 'Fait main à ' || (ARRAY['Fès','Safi','Marrakech','Azilal','Tétouan'])[1 + i % 5], 'en', 'Handmade'),
           CASE WHEN i % 100 = 0 THEN 'basketry' ELSE (ARRAY['pottery','pottery','stone','carpet','carpet','zellige','leather','woodwork','metalwork','textile','jewellery','cosmetics'])[1 + i % 12] END,
           (ARRAY['Fès','Safi','Marrakech','Azilal','Tétouan'])[1 + i % 5], '691200',
           1000 + (i * 7919) % 500000, now() - i * interval '1 minute'
      FROM generate_series(1, 30000) i, c, k`);
  await t.db.query(`
    INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, weight_grams, length_mm, width_mm, height_mm)
    SELECT id, cooperative_id, 'SEED-' || slug, price_amount, 5, 500, 100, 100, 100 FROM product`);
  await t.db.query(`ANALYZE`);
  coopId = (await t.db.query(`SELECT id FROM cooperative WHERE slug = 'seed-7'`)).rows[0].id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const cursorBefore = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify(['t', createdAt, id])).toString('base64url');

describe('the product list statement, EXPLAINed on 30,000 products', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['the first page, newest first', () => ({}), 'Index Scan using product_active_idx'],
    [
      'a later page (keyset condition in the index)',
      () => ({ cursor: cursorBefore('2020-01-01T00:00:00.000000Z', coopId) }),
      'Index Cond: (ROW(created_at, id) < ROW(',
    ],
    ['a rare craft', () => ({ craft: 'basketry' }), 'Index Scan using product_craft_idx'],
    ['a cooperative, by id', () => ({ cooperativeId: coopId }), 'Index Scan using product_cooperative_idx'],
    [
      'a cooperative, by slug (storefront pages)',
      () => ({ cooperativeSlug: 'seed-7' }),
      'Index Scan using product_cooperative_idx',
    ],
    [
      "a cooperative's own view, every status",
      () => ({ cooperativeId: coopId, statuses: ['draft', 'active', 'archived'] }),
      'Index Scan using product_cooperative_idx',
    ],
    ['a narrow price range', () => ({ minPrice: 1000, maxPrice: 3000 }), 'product_price_idx'],
    ['a small category', () => ({ categorySlug: 'seed-sub-1' }), 'product_category_idx'],
    ['a selective search', () => ({ q: 'babouches' }), 'product_search_idx'],
  ];

  it.each(cases)('%s uses its index', async (_name, filters, expected) => {
    const shown = await plan(filters());
    expect(shown).toContain(expected);
    expect(shown).not.toMatch(/Seq Scan on product/);
    // Variants come from their index, once per kept row.
    expect(shown).toContain('Index Scan using variant_product_idx');
  });

  it('cuts the page before aggregating variants (LIMIT below the lateral join)', async () => {
    const shown = await plan({ q: 'babouches' });
    const lines = shown.split('\n');
    const limit = lines.findIndex((l) => l.includes('Limit'));
    const variants = lines.findIndex((l) => l.includes('variant_product_idx'));
    expect(limit).toBeGreaterThanOrEqual(0);
    expect(limit).toBeLessThan(variants);
    expect(lines[limit + 1]).not.toContain('Nested Loop');
  });

  it('is one statement: json_agg in a LATERAL subquery, keyset order', async () => {
    const { text } = await statementFor({ q: 'tajine', craft: 'pottery', minPrice: 1 });
    expect(text).toMatch(/CROSS JOIN LATERAL/);
    expect(text).toMatch(/json_agg/);
    expect(text).toMatch(
      /websearch_to_tsquery\('souk_en'.*websearch_to_tsquery\('souk_fr'.*websearch_to_tsquery\('souk_simple'/s,
    );
    expect(text).toMatch(/ORDER BY ts_rank_cd\(p\.search, .*\) DESC, p\.id DESC/s);
  });
});
