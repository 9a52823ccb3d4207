// The floor: the same first page of GET /v1/products, served by bare Fastify and pg over the
// same tables with the same SQL, no framework in between. Souk's figures are read against it.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  options: '-c random_page_cost=1.1', // as Souk's pool (libs/platform/src/platform.module.ts)
});

// The statement ProductsQuery.list runs for an unfiltered first page (libs/catalogue/src/products/products.query.ts).
const FIRST_PAGE = `
SELECT p.*, vs.variants
  FROM (SELECT p.id, p.slug, p.cooperative_id, p.status, p.title, p.description, p.craft, p.materials,
               p.origin_city, p.hs_code, p.category_id, p.images, p.rating_average, p.rating_count, p.price_amount,
               p.price_currency, p.created_at, p.updated_at,
               to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key
          FROM product p
         WHERE p.status = 'active'
         ORDER BY p.created_at DESC, p.id DESC
         LIMIT $1) p
 CROSS JOIN LATERAL (
   SELECT coalesce(json_agg(json_build_object(
            'id', v.id, 'sku', v.sku, 'options', v.options,
            'price', json_build_object('amount', v.price_amount, 'currency', v.price_currency),
            'stock', v.stock, 'available', v.stock - v.reserved, 'weightGrams', v.weight_grams,
            'dimensionsMm', json_build_object('length', v.length_mm, 'width', v.width_mm, 'height', v.height_mm))
          ORDER BY v.position, v.created_at, v.id), '[]'::json) AS variants
     FROM variant v WHERE v.product_id = p.id) vs
 ORDER BY p.created_at DESC, p.id DESC`;

const app = Fastify({ logger: false });
app.get('/v1/products', async (request) => {
  const limit = Math.min(Math.max(Number(request.query.limit ?? 20) || 20, 1), 100);
  const { rows } = await pool.query(FIRST_PAGE, [limit + 1]);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    slug: r.slug,
    cooperativeId: r.cooperative_id,
    status: r.status,
    title: r.title,
    description: r.description,
    craft: r.craft,
    materials: r.materials,
    originCity: r.origin_city,
    hsCode: r.hs_code,
    categoryId: r.category_id,
    images: r.images,
    rating: { average: r.rating_average === null ? null : Number(r.rating_average), count: r.rating_count },
    price: r.price_amount === null ? null : { amount: Number(r.price_amount), currency: r.price_currency },
    variants: r.variants,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items,
    nextCursor: last
      ? Buffer.from(JSON.stringify(['t', last.sort_key, last.id])).toString('base64url')
      : null,
  };
});

const port = Number(process.env.PORT ?? 3100);
await app.listen({ port, host: '127.0.0.1' });
console.log(`floor listening on ${port}`);
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
