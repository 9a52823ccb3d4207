import { randomUUID } from 'node:crypto';
import {
  CATALOGUE_AGE_DAYS,
  DEMO_CATEGORIES,
  DEMO_COOPERATIVE_SLUGS,
  DEMO_COOPERATIVES,
  DEMO_SEED,
  DemoCatalogue,
  type DemoProduct,
  deriveSeed,
  demoOwnerEmail,
  Random,
} from './demo-data';

/** What the seeder needs from a connection; a TypeORM DataSource or EntityManager fits. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

export interface SeedResult {
  /** Rows inserted by this call, not totals. */
  cooperatives: number;
  products: number;
  variants: number;
  /** True when the demo data was already there in full and nothing was written. */
  skipped: boolean;
}

export interface SeedOptions {
  /** Total number of demo products wanted; existing ones count, so a larger number tops the catalogue up. */
  products: number;
  /** Stored for every cooperative owner account. */
  ownerPasswordHash: string;
  seed?: number;
}

type Db = { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable;

/** Rows per INSERT: 20,000 products load in seconds, and one batch stays a few MB of JSON. */
const BATCH = 1000;
const DAY_MS = 86_400_000;

/** `name type, …` as written in a jsonb_to_recordset column list, to name and type the inserted columns. */
type Columns = readonly (readonly [name: string, type: string])[];

function columns(spec: string): Columns {
  return spec.split(',').map((column) => {
    const [name, type] = column.trim().split(/\s+/);
    return [name, type] as const;
  });
}

const CATEGORY = columns('id uuid, parent_id uuid, slug text, name jsonb, position int');
const USER = columns(
  'id uuid, email text, password_hash text, name text, role text, created_at timestamptz, updated_at timestamptz',
);
const COOPERATIVE = columns(
  'id uuid, slug text, name text, legal_form text, region text, city text, crafts text[], description jsonb, ' +
    'logo_url text, verified_at timestamptz, created_at timestamptz, updated_at timestamptz',
);
const MEMBER = columns('cooperative_id uuid, user_id uuid, role text, created_at timestamptz');
const PRODUCT = columns(
  'id uuid, slug text, cooperative_id uuid, category_id uuid, status text, title jsonb, description jsonb, ' +
    'craft text, materials text[], origin_city text, hs_code text, images jsonb, price_amount bigint, ' +
    'created_at timestamptz, updated_at timestamptz',
);
const VARIANT = columns(
  'id uuid, product_id uuid, cooperative_id uuid, sku text, options jsonb, price_amount bigint, stock int, ' +
    'weight_grams int, length_mm int, width_mm int, height_mm int, position int, ' +
    'created_at timestamptz, updated_at timestamptz',
);

/**
 * Loads the demo cooperatives (each with an owner account), the category tree and enough products to reach
 * `opts.products`, all in one transaction. Safe to call on every start: what exists is kept.
 */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedResult> {
  if (!Number.isSafeInteger(opts.products) || opts.products < 0) {
    throw new RangeError(`products must be a non-negative integer, got ${opts.products}`);
  }
  const seed = opts.seed ?? DEMO_SEED;
  const now = new Date();
  return db.transaction(async (tx) => {
    // The api and the worker may start together on a fresh database: one seeds, the other then finds it done.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('souk:demo-seed'))`);
    const categoryIds = await ensureCategories(tx);
    const coops = await ensureCooperatives(tx, opts.ownerPasswordHash, seed, now);
    const added = await topUpProducts(tx, coops.ids, categoryIds, opts.products, seed, now);
    return {
      cooperatives: coops.inserted,
      products: added.products,
      variants: added.variants,
      skipped: coops.inserted === 0 && added.products === 0,
    };
  });
}

/** Multi-row insert from one JSON parameter: one round trip per batch, no limit on the number of parameters. */
async function insertRows(
  tx: Queryable,
  table: string,
  cols: Columns,
  rows: readonly object[],
  suffix = '',
): Promise<any[]> {
  if (rows.length === 0) return [];
  const names = cols.map(([name]) => name).join(', ');
  const record = cols.map(([name, type]) => `${name} ${type}`).join(', ');
  return tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${record}) ${suffix}`,
    // Stringified here: the pg driver would turn a JS array into a PostgreSQL array literal.
    [JSON.stringify(rows)],
  );
}

async function idsBySlug(
  tx: Queryable,
  table: string,
  slugs: readonly string[],
): Promise<Map<string, string>> {
  const rows = await tx.query(`SELECT id, slug FROM ${table} WHERE slug = ANY($1::text[])`, [slugs]);
  return new Map(rows.map((r) => [r.slug as string, r.id as string]));
}

/** Inserts the missing demo categories (parents first); returns the id of every leaf by slug. */
async function ensureCategories(tx: Queryable): Promise<Map<string, string>> {
  const parents = DEMO_CATEGORIES.map((c, position) => ({
    id: randomUUID(),
    slug: c.slug,
    name: c.name,
    position,
  }));
  await insertRows(tx, 'category', CATEGORY, parents, 'ON CONFLICT (slug) DO NOTHING');
  const parentIds = await idsBySlug(
    tx,
    'category',
    parents.map((p) => p.slug),
  );

  const leaves = DEMO_CATEGORIES.flatMap((c) =>
    c.children.map((leaf, position) => ({
      id: randomUUID(),
      parent_id: parentIds.get(c.slug),
      slug: leaf.slug,
      name: leaf.name,
      position,
    })),
  );
  await insertRows(tx, 'category', CATEGORY, leaves, 'ON CONFLICT (slug) DO NOTHING');
  return idsBySlug(
    tx,
    'category',
    leaves.map((l) => l.slug),
  );
}

/** Inserts the demo cooperatives that are missing, each with its owner; returns every demo cooperative's id. */
async function ensureCooperatives(
  tx: Queryable,
  ownerPasswordHash: string,
  seed: number,
  now: Date,
): Promise<{ ids: Map<string, string>; inserted: number }> {
  const ids = await idsBySlug(tx, 'cooperative', DEMO_COOPERATIVE_SLUGS);
  const missing = DEMO_COOPERATIVES.map((coop, i) => ({ coop, i })).filter(({ coop }) => !ids.has(coop.slug));
  if (missing.length === 0) return { ids, inserted: 0 };

  // Storefronts opened before the oldest product and were verified a few weeks later.
  const rows = missing.map(({ coop, i }) => {
    const rng = new Random(deriveSeed(seed ^ 0x5eed, i));
    const createdAt = new Date(now.getTime() - (CATALOGUE_AGE_DAYS + rng.int(10, 400)) * DAY_MS);
    const verifiedAt = coop.verified ? new Date(createdAt.getTime() + rng.int(3, 40) * DAY_MS) : null;
    return { id: randomUUID(), coop, email: demoOwnerEmail(coop), createdAt, verifiedAt };
  });

  const owners = rows.map(({ coop, email, createdAt }) => ({
    id: randomUUID(),
    email,
    password_hash: ownerPasswordHash,
    name: coop.ownerName,
    role: 'buyer',
    created_at: createdAt,
    updated_at: createdAt,
  }));
  await insertRows(tx, 'app_user', USER, owners, 'ON CONFLICT ((lower(email))) DO NOTHING');
  // An owner account left over from an earlier demo keeps its id and its password.
  const users = await tx.query(
    `SELECT id, lower(email) AS email FROM app_user WHERE lower(email) = ANY($1::text[])`,
    [rows.map((r) => r.email)],
  );
  const userIds = new Map(users.map((u) => [u.email as string, u.id as string]));

  const cooperatives = rows.map(({ id, coop, createdAt, verifiedAt }) => ({
    id,
    slug: coop.slug,
    name: coop.name,
    legal_form: coop.legalForm,
    region: coop.region,
    city: coop.city,
    crafts: coop.crafts,
    description: coop.description,
    logo_url: coop.logoUrl,
    verified_at: verifiedAt,
    created_at: createdAt,
    updated_at: verifiedAt ?? createdAt,
  }));
  const inserted: { id: string; slug: string }[] = await insertRows(
    tx,
    'cooperative',
    COOPERATIVE,
    cooperatives,
    'ON CONFLICT (slug) DO NOTHING RETURNING id, slug',
  );

  const insertedIds = new Set(inserted.map((c) => c.id));
  const members = rows
    .filter((r) => insertedIds.has(r.id))
    .map((r) => ({
      cooperative_id: r.id,
      user_id: userIds.get(r.email),
      role: 'owner',
      created_at: r.createdAt,
    }));
  await insertRows(tx, 'cooperative_member', MEMBER, members, 'ON CONFLICT DO NOTHING');

  for (const c of inserted) ids.set(c.slug, c.id);
  return { ids, inserted: inserted.length };
}

/** Adds demo products (with their variants) until the demo cooperatives hold `target` products. */
async function topUpProducts(
  tx: Queryable,
  coopIds: Map<string, string>,
  categoryIds: Map<string, string>,
  target: number,
  seed: number,
  now: Date,
): Promise<{ products: number; variants: number }> {
  const [{ count, last }] = await tx.query(
    `SELECT count(*)::int AS count, coalesce(max(substring(slug from '-([0-9]+)$')::bigint), 0) AS last
       FROM product WHERE cooperative_id = ANY($1::uuid[])`,
    [[...coopIds.values()]],
  );
  const wanted = target - count;
  if (wanted <= 0) return { products: 0, variants: 0 };

  // Numbering goes on after the highest number in use, so a top-up never reuses a slug or a SKU.
  const first = Number(last) + 1;
  const catalogue = new DemoCatalogue(
    DEMO_COOPERATIVES.filter((c) => coopIds.has(c.slug)),
    seed,
  );
  let variants = 0;
  for (let done = 0; done < wanted; done += BATCH) {
    const size = Math.min(BATCH, wanted - done);
    const batch = Array.from({ length: size }, (_, i) => catalogue.product(first + done + i, now));
    variants += await insertProducts(tx, batch, coopIds, categoryIds);
  }
  return { products: wanted, variants };
}

/** One batch of products, then their variants, which reference them by ids made here (no round trip). */
async function insertProducts(
  tx: Queryable,
  batch: readonly DemoProduct[],
  coopIds: Map<string, string>,
  categoryIds: Map<string, string>,
): Promise<number> {
  const products = batch.map((p) => ({
    id: randomUUID(),
    slug: p.slug,
    cooperative_id: coopIds.get(p.cooperativeSlug)!,
    category_id: categoryIds.get(p.categorySlug) ?? null,
    status: p.status,
    title: p.title,
    description: p.description,
    craft: p.craft,
    materials: p.materials,
    origin_city: p.originCity,
    hs_code: p.hsCode,
    images: p.images,
    price_amount: p.priceAmount,
    created_at: p.createdAt,
    updated_at: p.createdAt,
  }));
  await insertRows(tx, 'product', PRODUCT, products);

  const variants = batch.flatMap((p, i) =>
    p.variants.map((v) => ({
      id: randomUUID(),
      product_id: products[i].id,
      cooperative_id: products[i].cooperative_id,
      sku: v.sku,
      options: v.options,
      price_amount: v.priceAmount,
      stock: v.stock,
      weight_grams: v.weightGrams,
      length_mm: v.lengthMm,
      width_mm: v.widthMm,
      height_mm: v.heightMm,
      position: v.position,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    })),
  );
  for (let start = 0; start < variants.length; start += BATCH) {
    await insertRows(tx, 'variant', VARIANT, variants.slice(start, start + BATCH));
  }
  return variants.length;
}
