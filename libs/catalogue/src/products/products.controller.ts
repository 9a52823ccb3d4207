import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Page, type Principal, UuidParam } from '@souk/platform';
import { ListCooperativeProductsQueryDto, ListProductsQueryDto } from './dto/list-products.dto';
import { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import { StockChangeDto } from './dto/variant.dto';
import { ProductPageView, ProductView, VariantView } from './product.view';
import { ProductReads } from './products.reads';
import { ProductsService } from './products.service';
import { StockService } from './stock.service';

@ApiTags('catalogue')
@Controller('v1/products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly reads: ProductReads,
    private readonly stock: StockService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The public catalogue: active products, newest first, or ranked by relevance with q',
  })
  @ApiOkResponse({ type: ProductPageView })
  list(@Query() query: ListProductsQueryDto): Promise<Page<ProductView>> {
    return this.reads.listPublic(query);
  }

  @Get(':idOrSlug')
  @ApiOperation({
    summary: 'A product by id or slug; drafts and archived products only for their cooperative',
  })
  @ApiOkResponse({ type: ProductView })
  get(@Param('idOrSlug') idOrSlug: string, @CurrentPrincipal() principal?: Principal): Promise<ProductView> {
    return this.reads.visible(principal, idOrSlug);
  }

  @Patch(':id')
  @Auth({ scopes: ['catalogue:write'] })
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change a product and its variants (members of its cooperative, admins, bound API keys)',
  })
  @ApiOkResponse({ type: ProductView })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateProductDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductView> {
    return this.products.update(principal, id, dto);
  }

  @Delete(':id')
  @Auth({ scopes: ['catalogue:write'] })
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Archive a product: it leaves the public catalogue and stays in the cooperative's",
  })
  @ApiOkResponse({ type: ProductView })
  archive(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ProductView> {
    return this.products.archive(principal, id);
  }

  @Post(':id/stock')
  @HttpCode(200)
  @Auth({ scopes: ['catalogue:write'] })
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Add to, take from ({delta}) or set ({set}) the stock of a variant; never below its reserved units (409)',
  })
  @ApiOkResponse({ type: VariantView })
  adjustStock(
    @UuidParam('id') id: string,
    @Body() dto: StockChangeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VariantView> {
    return this.stock.adjust(principal, id, dto);
  }
}

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id/products')
export class CooperativeProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly reads: ProductReads,
  ) {}

  @Post()
  @Auth({ scopes: ['catalogue:write'] })
  @ApiOperation({ summary: 'List a new product (members of the cooperative, admins, API keys bound to it)' })
  @ApiCreatedResponse({ type: ProductView })
  create(
    @UuidParam('id') cooperativeId: string,
    @Body() dto: CreateProductDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductView> {
    return this.products.create(principal, cooperativeId, dto);
  }

  @Get()
  @Auth({ scopes: ['catalogue:read'] })
  @ApiOperation({ summary: "The cooperative's own catalogue, drafts and archived products included" })
  @ApiOkResponse({ type: ProductPageView })
  list(
    @UuidParam('id') cooperativeId: string,
    @Query() query: ListCooperativeProductsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ProductView>> {
    return this.reads.listOwn(principal, cooperativeId, query);
  }
}
