import { type ExchangeRate, fromMad, money, type Money, type SqlRunner } from '@souk/platform';
import type { CartCooperativeView, CartLineView, PriceView } from './cart.view';

/** A cart line joined with today's catalogue: the price is re-read here, never taken from a client. */
export interface CartLine {
  variantId: string;
  productId: string;
  productSlug: string;
  productStatus: 'draft' | 'active' | 'archived';
  cooperativeId: string;
  cooperativeName: string;
  cooperativeSlug: string;
  sku: string;
  title: { fr: string; en: string; ar: string | null };
  options: Record<string, string>;
  image: string | null;
  quantity: number;
  unitPriceMad: number;
  available: number;
}

/** One statement: the cart's lines with variant, product and cooperative, in a stable order. */
export async function cartLines(runner: SqlRunner, cartId: string): Promise<CartLine[]> {
  const rows = await runner.rows<CartLine & { unitPriceMad: string }>(
    `SELECT ci.variant_id AS "variantId", p.id AS "productId", p.slug AS "productSlug",
            p.status AS "productStatus", c.id AS "cooperativeId", c.name AS "cooperativeName",
            c.slug AS "cooperativeSlug", v.sku, p.title, v.options, p.images->>0 AS image, ci.quantity,
            v.price_amount AS "unitPriceMad", v.stock - v.reserved AS available
       FROM cart_item ci
       JOIN variant v ON v.id = ci.variant_id
       JOIN product p ON p.id = v.product_id
       JOIN cooperative c ON c.id = v.cooperative_id
      WHERE ci.cart_id = $1
      ORDER BY c.name, c.id, ci.added_at, v.id`,
    [cartId],
  );
  return rows.map((r) => ({
    ...r,
    title: { fr: r.title.fr, en: r.title.en, ar: r.title.ar ?? null },
    unitPriceMad: Number(r.unitPriceMad),
  }));
}

export interface CooperativeGroup {
  cooperativeId: string;
  name: string;
  slug: string;
  lines: CartLine[];
  goodsMad: number;
}

/** Lines grouped by cooperative, in the order they came (the query sorts by cooperative). */
export function groupByCooperative(lines: readonly CartLine[]): CooperativeGroup[] {
  const groups = new Map<string, CooperativeGroup>();
  for (const line of lines) {
    let group = groups.get(line.cooperativeId);
    if (!group) {
      group = {
        cooperativeId: line.cooperativeId,
        name: line.cooperativeName,
        slug: line.cooperativeSlug,
        lines: [],
        goodsMad: 0,
      };
      groups.set(line.cooperativeId, group);
    }
    group.lines.push(line);
    group.goodsMad += line.unitPriceMad * line.quantity;
  }
  return [...groups.values()];
}

export const isPurchasable = (line: CartLine): boolean =>
  line.productStatus === 'active' && line.available >= line.quantity;

/**
 * MAD and its display-currency equivalent. Each amount is converted from its own MAD figure, so a
 * subtotal's display amount may differ by a centime from the sum of its lines' display amounts.
 */
export function price(amountMad: number, rate: ExchangeRate): PriceView {
  const mad: Money = money(amountMad, 'MAD');
  return { mad, display: fromMad(amountMad, rate) };
}

export function cooperativeViews(lines: readonly CartLine[], rate: ExchangeRate): CartCooperativeView[] {
  return groupByCooperative(lines).map((g) => ({
    cooperativeId: g.cooperativeId,
    name: g.name,
    slug: g.slug,
    lines: g.lines.map((l): CartLineView => ({
      variantId: l.variantId,
      productId: l.productId,
      productSlug: l.productSlug,
      sku: l.sku,
      title: l.title as CartLineView['title'],
      options: l.options,
      image: l.image,
      quantity: l.quantity,
      unitPrice: price(l.unitPriceMad, rate),
      total: price(l.unitPriceMad * l.quantity, rate),
      available: Math.max(0, l.available),
      purchasable: isPurchasable(l),
    })),
    subtotal: price(g.goodsMad, rate),
    itemCount: g.lines.reduce((n, l) => n + l.quantity, 0),
  }));
}
