import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { signUp, type Actor } from './actors';
import type { TestApp } from './test-app';

/** A valid POST /v1/cooperatives body: a Fès pottery cooperative, changed by `overrides`. */
export function cooperativeInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Coopérative Poterie Bleue de Fès',
    legalForm: 'cooperative',
    region: 'fes-meknes',
    city: 'Fès',
    crafts: ['pottery'],
    description: {
      fr: 'Céramique bleue de Fès, tournée et peinte à la main avec des émaux sans plomb.',
      en: 'Blue Fès ceramics, thrown and hand-painted with lead-free glazes.',
      ar: 'خزف فاسي أزرق مصنوع ومزخرف يدويا.',
    },
    logoUrl: 'https://cdn.souk.dev/logos/poterie-bleue-fes.png',
    ...overrides,
  };
}

/** Opens a cooperative through the API, as `owner`, and returns the 201 body. */
export async function openCooperative(
  t: TestApp,
  owner: Actor,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await t
    .http()
    .post('/v1/cooperatives')
    .set('authorization', owner.auth)
    .send(cooperativeInput(overrides));
  if (res.status !== 201) throw new Error(`create cooperative failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Registers and signs in a person with exactly this email (actors.signUp picks a random one). */
export const signUpAs = (t: TestApp, email: string, name = 'Invited manager'): Promise<Actor> =>
  signUp(t, { email, name });

export const uniqueEmail = (who: string): string => `${who}.${randomBytes(4).toString('hex')}@example.com`;

/** Invites `email` as a manager, as `owner`; returns the 201 body (with the token). */
export async function invite(t: TestApp, owner: Actor, cooperativeId: string, email: string): Promise<any> {
  const res = await t
    .http()
    .post(`/v1/cooperatives/${cooperativeId}/invitations`)
    .set('authorization', owner.auth)
    .send({ email });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  return res.body;
}

/** A new person who has been invited by `owner` and accepted: a manager of the cooperative. */
export async function addManager(
  t: TestApp,
  owner: Actor,
  cooperativeId: string,
  name = 'Manager',
): Promise<Actor> {
  const manager = await signUpAs(t, uniqueEmail(name.toLowerCase()), name);
  const { token } = await invite(t, owner, cooperativeId, manager.email);
  const res = await t.http().post(`/v1/invitations/${token}/accept`).set('authorization', manager.auth);
  if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${res.text}`);
  return manager;
}

export { givenApiKey as apiKey } from './actors';

export interface CooperativeRow {
  slug: string;
  name?: string;
  region?: string;
  city?: string;
  crafts?: string[];
  description?: { fr: string; en: string; ar: string };
  verified?: boolean;
  createdAt?: Date | string;
  rating?: { average: number; count: number };
}

/** Arranges a cooperative straight in the database (no owner), for list and search tests. */
export async function insertCooperative(db: Pool, row: CooperativeRow): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO cooperative (slug, name, legal_form, region, city, crafts, description, verified_at,
                              rating_average, rating_count, created_at)
     VALUES ($1, $2, 'cooperative', $3, $4, $5, $6, CASE WHEN $7 THEN now() END, $8, $9, coalesce($10, now()))
     RETURNING id`,
    [
      row.slug,
      row.name ?? row.slug,
      row.region ?? 'marrakech-safi',
      row.city ?? 'Safi',
      row.crafts ?? ['pottery'],
      JSON.stringify(row.description ?? { fr: 'Atelier', en: 'Workshop', ar: 'ورشة' }),
      row.verified ?? false,
      row.rating?.average ?? null,
      row.rating?.count ?? 0,
      row.createdAt ?? null,
    ],
  );
  return rows[0].id;
}

export interface ProductRow {
  slug?: string;
  status?: 'draft' | 'active' | 'archived';
  craft?: string;
  title?: { fr: string; en: string; ar: string };
  /** Variant prices in minor units (MAD); the product's price is the lowest, as the catalogue keeps it. */
  prices?: number[];
  createdAt?: Date | string;
}

/** Arranges a product with its variants in the database; returns the product id. */
export async function insertProduct(db: Pool, cooperativeId: string, row: ProductRow = {}): Promise<string> {
  const prices = row.prices ?? [45000];
  const slug = row.slug ?? `product-${randomBytes(4).toString('hex')}`;
  const { rows } = await db.query(
    `INSERT INTO product (slug, cooperative_id, status, title, description, craft, hs_code, price_amount, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, '691200', $7, coalesce($8, now()))
     RETURNING id`,
    [
      slug,
      cooperativeId,
      row.status ?? 'active',
      JSON.stringify(row.title ?? { fr: 'Bol bleu', en: 'Blue bowl', ar: 'وعاء أزرق' }),
      JSON.stringify({ fr: 'Fait main', en: 'Handmade', ar: 'صنع يدوي' }),
      row.craft ?? 'pottery',
      Math.min(...prices),
      row.createdAt ?? null,
    ],
  );
  const productId = rows[0].id;
  for (const [position, price] of prices.entries()) {
    await db.query(
      `INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, weight_grams,
                            length_mm, width_mm, height_mm, position)
       VALUES ($1, $2, $3, $4, 5, 800, 240, 240, 90, $5)`,
      [productId, cooperativeId, `${slug}-${position}`.toUpperCase(), price, position],
    );
  }
  return productId;
}

/** The member's role in the cooperative, as stored; undefined when not a member. */
export async function roleIn(db: Pool, cooperativeId: string, userId: string): Promise<string | undefined> {
  const { rows } = await db.query(
    `SELECT role FROM cooperative_member WHERE cooperative_id = $1 AND user_id = $2`,
    [cooperativeId, userId],
  );
  return rows[0]?.role;
}

/** Every problem+json answer names its fields in `errors`; this lists them. */
export const fieldsOf = (body: { errors?: { field: string }[] }): string[] =>
  (body.errors ?? []).map((e) => e.field);
