import { randomBytes } from 'node:crypto';
import { type Actor, signUp } from './actors';
import type { TestApp } from './test-app';

/**
 * Arranging the catalogue's world: cooperatives and memberships are inserted with pg (the storefronts
 * API is another lib's), products go through the catalogue API itself.
 */
export interface Coop {
  id: string;
  slug: string;
}

export interface Seller extends Actor {
  coop: Coop;
}

export async function givenCooperative(
  t: TestApp,
  opts: { name?: string; city?: string } = {},
): Promise<Coop> {
  const slug = `coop-${randomBytes(4).toString('hex')}`;
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO cooperative (slug, name, legal_form, region, city) VALUES ($1, $2, 'cooperative', 'fes-meknes', $3) RETURNING id`,
    [slug, opts.name ?? `Coopérative ${slug}`, opts.city ?? 'Fès'],
  );
  return { id: rows[0].id, slug };
}

export async function givenMember(
  t: TestApp,
  coop: Coop,
  user: Actor,
  role: 'owner' | 'manager' = 'owner',
): Promise<void> {
  await t.db.query(`INSERT INTO cooperative_member (cooperative_id, user_id, role) VALUES ($1, $2, $3)`, [
    coop.id,
    user.id,
    role,
  ]);
}

/** A person who owns (or manages) a fresh cooperative. */
export async function givenSeller(
  t: TestApp,
  opts: { name?: string; role?: 'owner' | 'manager'; coop?: Coop } = {},
): Promise<Seller> {
  const actor = await signUp(t, { name: opts.name ?? 'Seller' });
  const coop = opts.coop ?? (await givenCooperative(t));
  await givenMember(t, coop, actor, opts.role ?? 'owner');
  return { ...actor, coop };
}

export { givenApiKey } from './actors';

let skuCounter = 0;
export const sku = (prefix = 'SKU') =>
  `${prefix}-${process.pid}-${++skuCounter}-${randomBytes(2).toString('hex')}`;

export function variantBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sku: sku(),
    options: { size: '24 cm', colour: 'blue' },
    price: { amount: 45000, currency: 'MAD' },
    stock: 10,
    weightGrams: 1200,
    dimensionsMm: { length: 240, width: 240, height: 80 },
    ...overrides,
  };
}

export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { fr: 'Bol de service bleu', en: 'Blue serving bowl', ar: 'زلافة زرقاء' },
    description: { fr: 'Tourné à la main et émaillé au cobalt.', en: 'Hand-thrown, cobalt glaze.' },
    craft: 'pottery',
    materials: ['clay', 'cobalt glaze'],
    originCity: 'Safi',
    hsCode: '6912.00',
    images: ['https://cdn.souk.dev/p/bowl-1.jpg'],
    status: 'active',
    variants: [variantBody()],
    ...overrides,
  };
}

/** Creates a product through the API as `seller` and returns its body; fails loudly on anything but 201. */
export async function givenProduct(
  t: TestApp,
  seller: Seller,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await t
    .http()
    .post(`/v1/cooperatives/${seller.coop.id}/products`)
    .set('authorization', seller.auth)
    .send(productBody(overrides));
  if (res.status !== 201) throw new Error(`create product: ${res.status} ${res.text}`);
  return res.body;
}

export async function variantRow(
  t: TestApp,
  id: string,
): Promise<{ stock: number; reserved: number; sku: string; price_amount: string }> {
  const { rows } = await t.db.query(`SELECT stock, reserved, sku, price_amount FROM variant WHERE id = $1`, [
    id,
  ]);
  return rows[0];
}

export async function productRow(t: TestApp, id: string): Promise<Record<string, any>> {
  const { rows } = await t.db.query(`SELECT * FROM product WHERE id = $1`, [id]);
  return rows[0];
}
