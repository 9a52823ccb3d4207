import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadNative } from '../support/native';

type Seeder = typeof import('../../apps/api/src/demo/demo-seeder');
type Catalogue = typeof import('@souk/catalogue');

let database: TestDatabase;
let pool: Pool;
const { seedDemo } = loadNative<Seeder>('apps/api/src/demo/demo-seeder.ts');
const { HS_HEADINGS } = loadNative<Catalogue>('@souk/catalogue');

// The seeder's port, over a plain pg pool.
const db = {
  query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows,
  transaction: async <T>(
    fn: (tx: { query(sql: string, params?: unknown[]): Promise<any[]> }) => Promise<T>,
  ) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({ query: async (sql, params) => (await client.query(sql, params)).rows });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  },
};

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 3 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const count = async (sql: string) => Number((await pool.query(sql)).rows[0].n);

describe('the demo catalogue', () => {
  it('loads cooperatives across the regions with owners, and 300 products', async () => {
    const result = await seedDemo(db, { products: 300, ownerPasswordHash: 'not-a-real-hash' });
    expect(result).toMatchObject({ products: 300, skipped: false });
    expect(result.cooperatives).toBeGreaterThanOrEqual(12);
    expect(await count(`SELECT count(DISTINCT region) AS n FROM cooperative`)).toBe(12);
    expect(
      await count(`SELECT count(*) AS n FROM cooperative c WHERE NOT EXISTS
      (SELECT 1 FROM cooperative_member m WHERE m.cooperative_id = c.id AND m.role = 'owner')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM product`)).toBe(300);
  });

  it('files each product under an HS heading that fits its craft', async () => {
    const { rows } = await pool.query(`SELECT craft, hs_code FROM product`);
    const fits = new Map(HS_HEADINGS.map((h) => [h.code, h.crafts]));
    const misfiled = rows.filter((r) => !fits.get(r.hs_code.slice(0, 6))?.includes(r.craft));
    expect(misfiled).toEqual([]);
  });

  it('keeps each product’s listed price at its lowest variant price, in MAD minor units', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM product p
      WHERE p.price_amount IS DISTINCT FROM (SELECT min(price_amount) FROM variant v WHERE v.product_id = p.id)`),
    ).toBe(0);
    const { rows } = await pool.query(`SELECT min(price_amount) AS lo, max(price_amount) AS hi FROM variant`);
    expect(Number(rows[0].lo)).toBeGreaterThanOrEqual(5_000); // nothing under 50 MAD
    expect(Number(rows[0].hi)).toBeLessThanOrEqual(10_000_000); // nor over 100,000 MAD
  });

  it('does nothing when called again, and tops up to a larger catalogue', async () => {
    expect((await seedDemo(db, { products: 300, ownerPasswordHash: 'x' })).skipped).toBe(true);
    const more = await seedDemo(db, { products: 450, ownerPasswordHash: 'x' });
    expect(more).toMatchObject({ products: 150, cooperatives: 0, skipped: false });
    expect(await count(`SELECT count(*) AS n FROM product`)).toBe(450);
  });

  it('makes the catalogue searchable without accents', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM product WHERE search @@ websearch_to_tsquery('souk_fr', 'fes')`),
    ).toBeGreaterThan(0);
  });
});
