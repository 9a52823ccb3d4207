import { randomBytes } from 'node:crypto';
import { loadNative } from './native';
import type { TestApp } from './test-app';

type Platform = typeof import('@souk/platform');
type Shipping = typeof import('@souk/shipping');

/**
 * Arranging shipping quotes: cooperatives and products straight in the database (the catalogue's
 * API is another lib's), exchange rates pinned for today, and the quote call itself.
 */
export interface GoodsSpec {
  /** English title, also the customs description */
  title: string;
  hsCode: string;
  craft?: string;
  /** MAD centimes */
  price: number;
  weightGrams: number;
  dimensionsMm: [number, number, number];
  stock?: number;
  reserved?: number;
  status?: 'draft' | 'active' | 'archived';
}

export async function givenCoop(t: TestApp, city: string, region = 'marrakech-safi'): Promise<string> {
  const slug = `coop-${randomBytes(4).toString('hex')}`;
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO cooperative (slug, name, legal_form, region, city, verified_at)
     VALUES ($1, $2, 'cooperative', $3, $4, now()) RETURNING id`,
    [slug, `Coopérative ${city} ${slug}`, region, city],
  );
  return rows[0].id;
}

/** A product with one variant; returns the variant id. */
export async function givenGoods(t: TestApp, cooperativeId: string, g: GoodsSpec): Promise<string> {
  const slug = `p-${randomBytes(5).toString('hex')}`;
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO product (slug, cooperative_id, status, title, description, craft, hs_code, price_amount)
     VALUES ($1, $2, $3, $4, '{}', $5, $6, $7) RETURNING id`,
    [
      slug,
      cooperativeId,
      g.status ?? 'active',
      JSON.stringify({ en: g.title, fr: g.title }),
      g.craft ?? 'pottery',
      g.hsCode,
      g.price,
    ],
  );
  const [l, w, h] = g.dimensionsMm;
  const variant = await t.db.query<{ id: string }>(
    `INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, reserved, weight_grams, length_mm, width_mm, height_mm)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      rows[0].id,
      cooperativeId,
      slug.toUpperCase(),
      g.price,
      g.stock ?? 10,
      g.reserved ?? 0,
      g.weightGrams,
      l,
      w,
      h,
    ],
  );
  return variant.rows[0].id;
}

/** The reference rates of 2026-11-02, dated today, so hand-worked figures do not move with new rates. */
export const PINNED_RATES: Record<string, string> = {
  EUR: '10.81',
  USD: '9.27',
  GBP: '12.29',
  CAD: '6.61',
  AED: '2.524',
  SAR: '2.472',
};

export async function pinRates(t: TestApp, rates: Record<string, string> = PINNED_RATES): Promise<void> {
  for (const [currency, rate] of Object.entries(rates)) {
    await t.db.query(
      `INSERT INTO exchange_rate (currency, effective_date, mad_per_unit, source) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, 'test: pinned')
       ON CONFLICT (currency, effective_date) DO UPDATE SET mad_per_unit = EXCLUDED.mad_per_unit, source = EXCLUDED.source`,
      [currency, rate],
    );
  }
  t.app.get(loadNative<Platform>('@souk/platform').ExchangeRates).invalidate();
}

/** Forgets the cached rule sets after a test wrote shipping_rule_set. */
export function reloadRules(t: TestApp): void {
  t.app.get(loadNative<Shipping>('@souk/shipping').ShippingRules).invalidate();
}

export const quote = (t: TestApp, body: Record<string, unknown>, auth?: string) => {
  const req = t.http().post('/v1/shipping/quotes');
  if (auth) req.set('authorization', auth);
  return req.send(body);
};

export const today = (): string => new Date().toISOString().slice(0, 10);

/** An option of a cooperative's quote, by carrier and incoterm; fails loudly when absent. */
export function optionOf(
  body: any,
  cooperativeId: string | null,
  carrier: string,
  incoterm: 'DDP' | 'DAP',
): any {
  const part = body.quotes.find((q: any) => q.cooperativeId === cooperativeId);
  const option = part?.options.find((o: any) => o.carrier === carrier && o.incoterm === incoterm);
  if (!option)
    throw new Error(
      `no ${carrier} ${incoterm} option for ${cooperativeId}: ${JSON.stringify(part?.options.map((o: any) => `${o.carrier}/${o.incoterm}`))}`,
    );
  return option;
}

/** A breakdown as compact rows [kind, code, amount, rule], for line-by-line assertions. */
export const lines = (option: any): [string, string, number, string][] =>
  option.breakdown.map((l: any) => [l.kind, l.code, l.amount.amount, l.rule]);

export const usd = (amount: number) => ({ amount, currency: 'USD' });
export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const gbp = (amount: number) => ({ amount, currency: 'GBP' });
export const cad = (amount: number) => ({ amount, currency: 'CAD' });
export const mad = (amount: number) => ({ amount, currency: 'MAD' });
