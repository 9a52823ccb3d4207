import { Injectable } from '@nestjs/common';
import { type Principal, Problem, Sql } from '@souk/platform';
import type { StockChangeDto } from './dto/variant.dto';
import type { VariantView } from './product.view';
import { VARIANT_JSON } from './products.query';
import { ProductsService } from './products.service';

const MAX_STOCK = 1_000_000;

/** Stock on hand. The database decides, in one conditional UPDATE: never below the reserved units. */
@Injectable()
export class StockService {
  constructor(
    private readonly sql: Sql,
    private readonly products: ProductsService,
  ) {}

  async adjust(principal: Principal, productId: string, change: StockChangeDto): Promise<VariantView> {
    if (change.delta !== undefined && change.set !== undefined)
      throw Problem.field('set', 'cannot be given together with delta');
    if (change.delta === undefined && change.set === undefined)
      throw Problem.field('delta', 'is required (or set)');
    const cooperativeId = await this.products.ownerOf(principal, productId);
    const field = change.set !== undefined ? 'set' : 'delta';
    const next = change.set !== undefined ? '$3::int' : 'v.stock + $3::int';
    const row = await this.sql.transaction(async (tx) => {
      const updated = await tx.one<{ variant: VariantView }>(
        `UPDATE variant v SET stock = ${next}, updated_at = now()
          WHERE v.id = $1 AND v.product_id = $2 AND ${next} >= v.reserved AND ${next} <= ${MAX_STOCK}
          RETURNING ${VARIANT_JSON} AS variant`,
        [change.variantId, productId, change.set ?? change.delta],
      );
      if (updated) await this.products.changed(tx, 'stock.changed', productId, cooperativeId);
      return updated;
    });
    if (row) return row.variant;

    // Refused: say why, from the row as it is now.
    const current = await this.sql.one<{ stock: number; reserved: number }>(
      `SELECT stock, reserved FROM variant WHERE id = $1 AND product_id = $2`,
      [change.variantId, productId],
    );
    if (!current) throw Problem.field('variantId', 'is not a variant of this product');
    const wanted = change.set ?? current.stock + change.delta!;
    if (wanted > MAX_STOCK) throw Problem.field(field, `would make the stock ${wanted}, above ${MAX_STOCK}`);
    throw Problem.conflict(
      `Stock would be ${wanted}, below the ${current.reserved} units reserved by open checkouts`,
      {
        errors: [
          { field, message: `would make the stock ${wanted}, below the ${current.reserved} units reserved` },
        ],
        stock: current.stock,
        reserved: current.reserved,
      },
    );
  }
}
