import { Problem, type SqlTransaction } from '@souk/platform';
import type { CreateVariantDto, VariantChangeDto } from './dto/variant.dto';

/** A SKU the request asks for, with the request field that carries it, for 409s that name the field. */
export interface SkuClaim {
  sku: string;
  field: string;
}

export const skuConflict = (claim: SkuClaim, detail: string) =>
  Problem.conflict(detail, {
    errors: [
      { field: claim.field, message: `${claim.sku} is already used by another variant of this cooperative` },
    ],
  });

/** Two variants of one request (or of one product after the change) with the same SKU. */
export function assertDistinct(claims: SkuClaim[]): void {
  const seen = new Set<string>();
  for (const claim of claims) {
    if (seen.has(claim.sku)) throw skuConflict(claim, `SKU ${claim.sku} appears twice`);
    seen.add(claim.sku);
  }
}

/** SKUs are unique per cooperative: refuse the ones another variant already holds, naming the first field. */
export async function assertSkusFree(
  tx: SqlTransaction,
  cooperativeId: string,
  claims: SkuClaim[],
  exceptProductId?: string,
): Promise<void> {
  if (claims.length === 0) return;
  const taken = await tx.rows<{ sku: string }>(
    `SELECT sku FROM variant WHERE cooperative_id = $1 AND sku = ANY($2::text[]) ${exceptProductId ? 'AND product_id <> $3' : ''}`,
    exceptProductId
      ? [cooperativeId, claims.map((c) => c.sku), exceptProductId]
      : [cooperativeId, claims.map((c) => c.sku)],
  );
  const used = new Set(taken.map((r) => r.sku));
  const first = claims.find((c) => used.has(c.sku));
  if (first) throw skuConflict(first, `SKU ${first.sku} is already used in this cooperative`);
}

/** Adds variants in one statement. */
export async function insertVariants(
  tx: SqlTransaction,
  productId: string,
  cooperativeId: string,
  variants: (CreateVariantDto | VariantChangeDto)[],
  firstPosition: number,
): Promise<void> {
  if (variants.length === 0) return;
  const rows = variants.map((v, i) => ({
    sku: v.sku,
    options: v.options ?? {},
    price_amount: v.price!.amount,
    price_currency: v.price!.currency ?? 'MAD',
    stock: v.stock ?? 0,
    weight_grams: v.weightGrams,
    length_mm: v.dimensionsMm!.length,
    width_mm: v.dimensionsMm!.width,
    height_mm: v.dimensionsMm!.height,
    position: firstPosition + i,
  }));
  await tx.rows(
    `INSERT INTO variant (product_id, cooperative_id, sku, options, price_amount, price_currency, stock,
                          weight_grams, length_mm, width_mm, height_mm, position)
     SELECT $1, $2, x.sku, x.options, x.price_amount, x.price_currency, x.stock,
            x.weight_grams, x.length_mm, x.width_mm, x.height_mm, x.position
       FROM jsonb_to_recordset($3::jsonb) AS x(sku text, options jsonb, price_amount bigint, price_currency text, stock int,
                                               weight_grams int, length_mm int, width_mm int, height_mm int, position int)`,
    [productId, cooperativeId, JSON.stringify(rows)],
  );
}

/**
 * Updates variants in one conditional statement: fields left out keep their value, and a variant whose
 * new stock would fall below its reserved units is not touched. Returns the ids that were updated.
 */
export async function updateVariants(
  tx: SqlTransaction,
  productId: string,
  changes: VariantChangeDto[],
): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const rows = changes.map((c) => ({
    id: c.id,
    sku: c.sku ?? null,
    options: c.options ?? null,
    price_amount: c.price?.amount ?? null,
    price_currency: c.price ? (c.price.currency ?? 'MAD') : null,
    stock: c.stock ?? null,
    weight_grams: c.weightGrams ?? null,
    length_mm: c.dimensionsMm?.length ?? null,
    width_mm: c.dimensionsMm?.width ?? null,
    height_mm: c.dimensionsMm?.height ?? null,
  }));
  const updated = await tx.rows<{ id: string }>(
    `UPDATE variant v
        SET sku = coalesce(x.sku, v.sku), options = coalesce(x.options, v.options),
            price_amount = coalesce(x.price_amount, v.price_amount), price_currency = coalesce(x.price_currency, v.price_currency),
            stock = coalesce(x.stock, v.stock), weight_grams = coalesce(x.weight_grams, v.weight_grams),
            length_mm = coalesce(x.length_mm, v.length_mm), width_mm = coalesce(x.width_mm, v.width_mm),
            height_mm = coalesce(x.height_mm, v.height_mm), updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, sku text, options jsonb, price_amount bigint, price_currency text,
                                               stock int, weight_grams int, length_mm int, width_mm int, height_mm int)
      WHERE v.id = x.id AND v.product_id = $1 AND coalesce(x.stock, v.stock) >= v.reserved
      RETURNING v.id`,
    [productId, JSON.stringify(rows)],
  );
  return new Set(updated.map((r) => r.id));
}

/** The product's price is its lowest variant price; kept in the transaction of every variant change. */
export async function refreshPrice(tx: SqlTransaction, productId: string): Promise<void> {
  await tx.rows(
    `UPDATE product p
        SET price_amount = lowest.amount, price_currency = coalesce(lowest.currency, p.price_currency), updated_at = now()
       FROM (SELECT min(price_amount) AS amount, min(price_currency) AS currency FROM variant WHERE product_id = $1) lowest
      WHERE p.id = $1`,
    [productId],
  );
}
