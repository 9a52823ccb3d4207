import { Injectable } from '@nestjs/common';
import { Outbox, type Principal, Problem, Sql, type SqlTransaction, TenancyService } from '@souk/platform';
import { freeSlug, pgError, randomSlugSuffix, slugify } from '../slugs';
import type { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import type { VariantChangeDto } from './dto/variant.dto';
import type { ProductView } from './product.view';
import { ProductsQuery } from './products.query';
import {
  assertDistinct,
  assertSkusFree,
  insertVariants,
  refreshPrice,
  type SkuClaim,
  skuConflict,
  updateVariants,
} from './variants.writer';

const WRITE = { scope: 'catalogue:write' } as const;

/** Writes to the catalogue: each runs in one transaction, after the tenancy check. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly query: ProductsQuery,
    private readonly outbox: Outbox,
  ) {}

  async create(principal: Principal, cooperativeId: string, dto: CreateProductDto): Promise<ProductView> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId]))) {
      throw Problem.notFound('Cooperative', cooperativeId);
    }
    await this.tenancy.assertCanManage(principal, cooperativeId, WRITE);
    const claims = dto.variants.map((v, i) => ({ sku: v.sku, field: `variants[${i}].sku` }));
    assertDistinct(claims);
    if (dto.categoryId) await this.assertCategory(dto.categoryId);

    return this.write(claims, async (tx) => {
      await assertSkusFree(tx, cooperativeId, claims);
      const id = await this.insertProduct(tx, cooperativeId, dto);
      await insertVariants(tx, id, cooperativeId, dto.variants, 0);
      await refreshPrice(tx, id);
      await this.changed(tx, 'product.updated', id, cooperativeId);
      return (await this.query.one(id, tx))!;
    });
  }

  async update(principal: Principal, id: string, dto: UpdateProductDto): Promise<ProductView> {
    const cooperativeId = await this.ownerOf(principal, id);
    if (dto.categoryId) await this.assertCategory(dto.categoryId);
    const changes = dto.variants ?? [];
    const claims: SkuClaim[] = changes.flatMap((c, i) =>
      c.sku && !c.remove ? [{ sku: c.sku, field: `variants[${i}].sku` }] : [],
    );

    return this.write(claims, async (tx) => {
      await tx.rows(`SELECT 1 FROM product WHERE id = $1 FOR UPDATE`, [id]);
      await this.updateColumns(tx, id, dto);
      if (changes.length > 0) {
        await this.applyVariantChanges(tx, id, cooperativeId, changes, claims);
        await refreshPrice(tx, id);
      }
      await this.changed(
        tx,
        dto.status === 'archived' ? 'product.archived' : 'product.updated',
        id,
        cooperativeId,
      );
      return (await this.query.one(id, tx))!;
    });
  }

  async archive(principal: Principal, id: string): Promise<ProductView> {
    const cooperativeId = await this.ownerOf(principal, id);
    await this.sql.transaction(async (tx) => {
      await tx.rows(
        `UPDATE product SET status = 'archived', archived_at = coalesce(archived_at, now()), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.changed(tx, 'product.archived', id, cooperativeId);
    });
    return (await this.query.one(id))!;
  }

  /** Tells the world (channel listings, partners) in the transaction of the change itself. */
  async changed(
    tx: SqlTransaction,
    type: 'product.updated' | 'product.archived' | 'stock.changed',
    productId: string,
    cooperativeId: string,
  ): Promise<void> {
    await this.outbox.add(tx, {
      type,
      aggregateType: 'product',
      aggregateId: productId,
      payload: { cooperativeId },
    });
  }

  /** The product's cooperative, once the principal is known to be allowed to write it. */
  async ownerOf(
    principal: Principal,
    productId: string,
    opts: { scope: 'catalogue:write' | 'catalogue:read' } = WRITE,
  ): Promise<string> {
    const row = await this.sql.one<{ cooperative_id: string }>(
      `SELECT cooperative_id FROM product WHERE id = $1`,
      [productId],
    );
    if (!row) throw Problem.notFound('Product', productId);
    await this.tenancy.assertCanManage(principal, row.cooperative_id, opts);
    return row.cooperative_id;
  }

  /** Runs a write; a unique violation that slipped past the checks (a concurrent writer) becomes a 409 naming the field. */
  private async write<T>(claims: SkuClaim[], work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.sql.transaction(work);
    } catch (err) {
      const { code, constraint, detail } = pgError(err);
      if (code === '23505' && constraint === 'variant_cooperative_id_sku_key') {
        const claim = claims.find((c) => detail?.includes(`, ${c.sku})`)) ?? { sku: '', field: 'variants' };
        throw skuConflict(claim, `SKU ${claim.sku} is already used in this cooperative`);
      }
      if (code === '23505' && constraint === 'product_slug_key') throw slugTaken();
      if (code?.startsWith('22')) throw malformed();
      throw err;
    }
  }

  private async insertProduct(
    tx: SqlTransaction,
    cooperativeId: string,
    dto: CreateProductDto,
  ): Promise<string> {
    const insert = async (slug: string) =>
      tx.one<{ id: string }>(
        `INSERT INTO product (slug, cooperative_id, category_id, status, title, description, craft, materials,
                              origin_city, hs_code, images)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::text[], $9, $10, $11::jsonb)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          slug,
          cooperativeId,
          dto.categoryId ?? null,
          dto.status ?? 'draft',
          localized(dto.title),
          localized(dto.description ?? {}),
          dto.craft,
          dto.materials ?? [],
          dto.originCity || null,
          dto.hsCode,
          JSON.stringify(dto.images ?? []),
        ],
      );
    if (dto.slug) {
      const created = await insert(dto.slug);
      if (!created) throw slugTaken();
      return created.id;
    }
    const base = slugify(dto.title.en) || slugify(dto.title.fr) || 'product';
    const created =
      (await insert(await freeSlug(tx, 'product', base))) ?? (await insert(randomSlugSuffix(base)));
    if (!created) throw Problem.conflict('Could not find a free slug; give one explicitly');
    return created.id;
  }

  private async updateColumns(tx: SqlTransaction, id: string, dto: UpdateProductDto): Promise<void> {
    const params: unknown[] = [id];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const set: string[] = ['updated_at = now()'];
    if (dto.slug !== undefined) set.push(`slug = ${$(dto.slug)}`);
    if (dto.title !== undefined) set.push(`title = ${$(localized(dto.title))}::jsonb`);
    if (dto.description !== undefined) set.push(`description = ${$(localized(dto.description))}::jsonb`);
    if (dto.craft !== undefined) set.push(`craft = ${$(dto.craft)}`);
    if (dto.materials !== undefined) set.push(`materials = ${$(dto.materials)}::text[]`);
    if (dto.originCity !== undefined) set.push(`origin_city = ${$(dto.originCity || null)}`);
    if (dto.hsCode !== undefined) set.push(`hs_code = ${$(dto.hsCode)}`);
    if (dto.images !== undefined) set.push(`images = ${$(JSON.stringify(dto.images))}::jsonb`);
    if (dto.categoryId !== undefined) set.push(`category_id = ${$(dto.categoryId)}::uuid`);
    if (dto.status !== undefined) {
      const status = $(dto.status);
      set.push(
        `status = ${status}`,
        `archived_at = CASE WHEN ${status} = 'archived' THEN coalesce(archived_at, now()) END`,
      );
    }
    if (dto.slug !== undefined) {
      // The slug is the one column another product can hold; check it without aborting the transaction.
      const taken = await tx.one(`SELECT 1 FROM product WHERE slug = $1 AND id <> $2`, [dto.slug, id]);
      if (taken) throw slugTaken();
    }
    await tx.rows(`UPDATE product SET ${set.join(', ')} WHERE id = $1`, params);
  }

  private async applyVariantChanges(
    tx: SqlTransaction,
    productId: string,
    cooperativeId: string,
    changes: VariantChangeDto[],
    claims: SkuClaim[],
  ): Promise<void> {
    const current = await tx.rows<{ id: string; sku: string; reserved: number; position: number }>(
      `SELECT id, sku, reserved, position FROM variant WHERE product_id = $1 ORDER BY position FOR UPDATE`,
      [productId],
    );
    const byId = new Map(current.map((v) => [v.id, v]));
    const touched = new Set<string>();
    changes.forEach((c, i) => {
      if (c.id === undefined) return;
      if (!byId.has(c.id)) throw Problem.field(`variants[${i}].id`, 'is not a variant of this product');
      if (touched.has(c.id)) throw Problem.field(`variants[${i}].id`, 'is changed twice in one request');
      touched.add(c.id);
      if (c.remove && byId.get(c.id)!.reserved > 0) {
        throw Problem.conflict(`Variant ${c.id} has units reserved by open checkouts and cannot be removed`, {
          errors: [
            {
              field: `variants[${i}].remove`,
              message: 'is refused while units of this variant are reserved',
            },
          ],
        });
      }
    });
    const removed = changes.filter((c) => c.remove).map((c) => c.id!);
    const updates = changes.filter((c) => c.id !== undefined && !c.remove);
    const added = changes.filter((c) => c.id === undefined);
    if (current.length - removed.length + added.length < 1)
      throw Problem.field('variants', 'must leave the product at least one variant');

    // SKUs of the product after the change must be distinct, and free in the rest of the cooperative.
    const renamed = new Set(updates.filter((c) => c.sku !== undefined).map((c) => c.id));
    const kept = current
      .filter((v) => !removed.includes(v.id) && !renamed.has(v.id))
      .map((v) => ({ sku: v.sku, field: 'variants' }));
    assertDistinct([...kept, ...claims]);
    await assertSkusFree(tx, cooperativeId, claims, productId);

    if (removed.length > 0)
      await tx.rows(`DELETE FROM variant WHERE product_id = $1 AND id = ANY($2::uuid[])`, [
        productId,
        removed,
      ]);
    const updated = await updateVariants(tx, productId, updates);
    const refused = changes.findIndex((c) => c.id !== undefined && !c.remove && !updated.has(c.id));
    if (refused >= 0) {
      throw Problem.conflict('Stock cannot go below the units reserved by open checkouts', {
        errors: [{ field: `variants[${refused}].stock`, message: 'must not be below the units reserved' }],
      });
    }
    const nextPosition = current.reduce((max, v) => Math.max(max, v.position + 1), 0);
    await insertVariants(tx, productId, cooperativeId, added, nextPosition);
  }

  private async assertCategory(categoryId: string): Promise<void> {
    if (!(await this.sql.one(`SELECT 1 FROM category WHERE id = $1`, [categoryId]))) {
      throw Problem.field('categoryId', 'is not a category');
    }
  }
}

/** Only the locales given are stored; the view answers null for the others. */
function localized(text: { fr?: string; en?: string; ar?: string | null }): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(text).filter(([, value]) => typeof value === 'string')),
  );
}

/** PostgreSQL refused a value the DTO let through (a NUL character in a text, say): bad input, not a 500. */
const malformed = () =>
  Problem.validation([], 'A value is out of range or malformed (text must not contain NUL characters)');

const slugTaken = () =>
  Problem.conflict('That slug is already used by another product', {
    errors: [{ field: 'slug', message: 'is already used by another product' }],
  });
