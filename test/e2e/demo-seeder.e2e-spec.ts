import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadNative } from '../support/native';

type Headings = typeof import('../../libs/catalogue/src/hs-codes/headings');

let database: TestDatabase;
let pool: Pool;
const { HS_HEADINGS } = loadNative<Headings>('libs/catalogue/src/hs-codes/headings.ts');

/** `npm run seed -- --products N`, as a user runs it, against this file's database. */
function seed(products: number): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
  delete env.REDIS_URL;
  const run = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/api/src/cli/seed.ts',
      '--products',
      String(products),
    ],
    { env, encoding: 'utf8', timeout: 90_000 },
  );
  if (run.status !== 0) throw new Error(`seed failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

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
    const out = seed(300);
    expect(out).toMatch(/Demo catalogue: \d+ cooperatives, 300 products/);
    expect(out).toMatch(/owner@<cooperative-slug>\.souk\.local \/ \S{12,}/);
    expect(await count(`SELECT count(*) AS n FROM cooperative`)).toBeGreaterThanOrEqual(12);
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
    expect(seed(300)).toContain('already has 300 products or more; nothing to do');
    const cooperatives = await count(`SELECT count(*) AS n FROM cooperative`);
    expect(seed(450)).toMatch(/0 cooperatives, 150 products/);
    expect(await count(`SELECT count(*) AS n FROM product`)).toBe(450);
    expect(await count(`SELECT count(*) AS n FROM cooperative`)).toBe(cooperatives);
  });

  it('makes the catalogue searchable without accents', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM product WHERE search @@ websearch_to_tsquery('souk_fr', 'fes')`),
    ).toBeGreaterThan(0);
  });
});
