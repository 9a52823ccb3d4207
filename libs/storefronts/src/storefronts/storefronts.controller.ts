import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProductPageView, ProductsQuery } from '@souk/catalogue';
import { Problem } from '@souk/platform';
import { ListStorefrontsQueryDto } from './dto/list-storefronts.dto';
import { StorefrontProductsQueryDto } from './dto/storefront-products.dto';
import { StorefrontPageView, StorefrontView } from './storefront.view';
import { StorefrontsQuery } from './storefronts.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public side of the marketplace: anyone may browse storefronts. */
@ApiTags('storefronts')
@Controller('v1/storefronts')
export class StorefrontsController {
  constructor(
    private readonly storefronts: StorefrontsQuery,
    private readonly catalogue: ProductsQuery,
  ) {}

  @Get()
  @ApiOkResponse({ type: StorefrontPageView })
  list(@Query() query: ListStorefrontsQueryDto): Promise<StorefrontPageView> {
    return this.storefronts.list(query);
  }

  @Get(':slug')
  @ApiOkResponse({ type: StorefrontView })
  async one(@Param('slug') slug: string): Promise<StorefrontView> {
    const storefront = await this.storefronts.bySlug(slug);
    if (!storefront) throw Problem.notFound('Storefront', slug);
    return storefront;
  }

  /** The storefront's active products, through the catalogue's own list query. */
  @Get(':slug/products')
  @ApiOkResponse({ type: ProductPageView })
  async products(
    @Param('slug') slug: string,
    @Query() query: StorefrontProductsQueryDto,
  ): Promise<ProductPageView> {
    const cooperativeId = await this.storefronts.idOfSlug(slug);
    if (!cooperativeId) throw Problem.notFound('Storefront', slug);
    const { category, ...filters } = query;
    return this.catalogue.list({
      ...filters,
      ...(category ? (UUID.test(category) ? { categoryId: category } : { categorySlug: category }) : {}),
      cooperativeId,
    });
  }
}
