import { fromMad, money, type ExchangeRate } from '@souk/platform';
import { createHash } from 'node:crypto';
import type { ListingDraft, LocalizedText } from '../channels/listing-channel';

/** JSON with object keys sorted at every level: equal content, equal text, equal hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const digest = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

/**
 * The listing's content hash: 16 hex digits over everything but price and quantity, then 16 over
 * price and quantity, so a stock change alone can take the cheaper inventory-only call.
 */
export function hashOf(draft: ListingDraft): string {
  const { variants, ...content } = draft;
  return (
    digest({ ...content, variants: variants.map((v) => ({ sku: v.sku, options: v.options })) }) +
    digest(variants.map((v) => ({ sku: v.sku, price: v.price, quantity: v.quantity })))
  );
}

/** Whether only price or quantity differ between two hashes. */
export const sameContent = (a: string | null, b: string): boolean => !!a && a.slice(0, 16) === b.slice(0, 16);

/** A product and its variants as the snapshot query reads them. */
export interface ProductSnapshot {
  product_id: string;
  cooperative_id: string;
  product_status: string;
  slug: string;
  title: Record<string, string>;
  description: Record<string, string>;
  craft: string;
  materials: string[];
  origin_city: string | null;
  hs_code: string;
  images: string[];
  variants: {
    sku: string;
    options: Record<string, string>;
    amount: string | number;
    currency: string;
    available: number;
  }[];
}

const localized = (text: Record<string, string> | null): LocalizedText => ({
  fr: text?.fr ?? null,
  en: text?.en ?? null,
  ar: text?.ar ?? null,
});

/**
 * The draft of a product for one channel: prices converted from dirhams at `rate`, and inactive
 * unless the product is active, still chosen for the channel, and has something to sell.
 */
export function renderDraft(p: ProductSnapshot, selected: boolean, rate: ExchangeRate): ListingDraft {
  const variants = p.variants.map((v) => ({
    sku: v.sku,
    options: v.options ?? {},
    price:
      v.currency === rate.currency ? money(Number(v.amount), v.currency) : fromMad(Number(v.amount), rate),
    quantity: Math.max(0, v.available),
  }));
  return {
    reference: p.product_id,
    slug: p.slug,
    cooperativeId: p.cooperative_id,
    active: selected && p.product_status === 'active' && variants.some((v) => v.quantity > 0),
    title: localized(p.title),
    description: localized(p.description),
    craft: p.craft,
    materials: p.materials ?? [],
    originCity: p.origin_city,
    hsCode: p.hs_code,
    images: p.images ?? [],
    variants,
  };
}
