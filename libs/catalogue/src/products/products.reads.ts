import { Injectable } from '@nestjs/common';
import { type Page, type Principal, Problem, Sql, TenancyService } from '@souk/platform';
import type { ListCooperativeProductsQueryDto, ListProductsQueryDto } from './dto/list-products.dto';
import type { ProductView } from './product.view';
import { type ProductListFilters, ProductsQuery } from './products.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const READ = { scope: 'catalogue:read' } as const;

/** Who sees what: the public sees active products; a cooperative's members also see its drafts and archive. */
@Injectable()
export class ProductReads {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly query: ProductsQuery,
  ) {}

  /** A product page. Drafts and archived products answer 404 to anyone who may not manage them. */
  async visible(principal: Principal | undefined, idOrSlug: string): Promise<ProductView> {
    const product = UUID.test(idOrSlug) || SLUG.test(idOrSlug) ? await this.query.one(idOrSlug) : undefined;
    if (
      !product ||
      (product.status !== 'active' && !(await this.tenancy.canManage(principal, product.cooperativeId, READ)))
    ) {
      throw Problem.notFound('Product', idOrSlug);
    }
    return product;
  }

  listPublic(dto: ListProductsQueryDto): Promise<Page<ProductView>> {
    return this.query.list({
      ...common(dto),
      ...(dto.cooperative &&
        (UUID.test(dto.cooperative)
          ? { cooperativeId: dto.cooperative }
          : { cooperativeSlug: dto.cooperative })),
    });
  }

  async listOwn(
    principal: Principal,
    cooperativeId: string,
    dto: ListCooperativeProductsQueryDto,
  ): Promise<Page<ProductView>> {
    await this.tenancy.assertCanManage(principal, cooperativeId, READ);
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId]))) {
      throw Problem.notFound('Cooperative', cooperativeId);
    }
    return this.query.list({
      ...common(dto),
      cooperativeId,
      statuses: dto.status?.length ? [...new Set(dto.status)] : ['draft', 'active', 'archived'],
    });
  }
}

function common(dto: ListCooperativeProductsQueryDto): ProductListFilters {
  if (dto.minPrice !== undefined && dto.maxPrice !== undefined && dto.maxPrice < dto.minPrice) {
    throw Problem.field('maxPrice', 'must not be below minPrice');
  }
  return {
    q: dto.q,
    craft: dto.craft,
    minPrice: dto.minPrice,
    maxPrice: dto.maxPrice,
    currency: dto.currency,
    cursor: dto.cursor,
    limit: dto.limit,
    ...(dto.category &&
      (UUID.test(dto.category) ? { categoryId: dto.category } : { categorySlug: dto.category })),
  };
}
