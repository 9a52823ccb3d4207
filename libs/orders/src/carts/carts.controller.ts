import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, UuidParam } from '@souk/platform';
import { CART_TOKEN_HEADER } from './cart-access';
import { CartView } from './cart.view';
import { CartsService } from './carts.service';
import { CartItemDto, CartQueryDto, CreateCartDto, QuantityDto, UpdateCartDto } from './dto/cart.dto';

const TOKEN_HEADER = {
  name: 'X-Cart-Token',
  required: false,
  description: "A guest cart's token, given once when the cart was created (signed-in buyers need none)",
};

@ApiTags('carts')
@ApiHeader(TOKEN_HEADER)
@Controller('v1/carts')
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Post()
  @ApiOperation({
    summary:
      "Start a cart. Signed in, it is the buyer's; as a guest, the answer carries a token (shown once) that opens it",
  })
  @ApiCreatedResponse({ type: CartView })
  create(@Body() dto: CreateCartDto, @CurrentPrincipal() principal?: Principal): Promise<CartView> {
    return this.carts.create(principal, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The cart, lines grouped by cooperative, priced from the catalogue now' })
  @ApiOkResponse({ type: CartView })
  view(
    @UuidParam('id') id: string,
    @Query() query: CartQueryDto,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<CartView> {
    return this.carts.view(principal, id, token, query.currency);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change the cart's display currency" })
  @ApiOkResponse({ type: CartView })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateCartDto,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<CartView> {
    return this.carts.setCurrency(principal, id, token, dto.currency);
  }

  @Post(':id/items')
  @ApiOperation({ summary: 'Add units of a variant (added to what the cart already holds of it)' })
  @ApiCreatedResponse({ type: CartView })
  add(
    @UuidParam('id') id: string,
    @Body() dto: CartItemDto,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<CartView> {
    return this.carts.addItem(principal, id, token, dto);
  }

  @Patch(':id/items/:variantId')
  @ApiOperation({ summary: 'Set the quantity of a line' })
  @ApiOkResponse({ type: CartView })
  setQuantity(
    @UuidParam('id') id: string,
    @UuidParam('variantId') variantId: string,
    @Body() dto: QuantityDto,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<CartView> {
    return this.carts.setQuantity(principal, id, token, variantId, dto.quantity);
  }

  @Delete(':id/items/:variantId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a line' })
  @ApiOkResponse({ type: CartView })
  remove(
    @UuidParam('id') id: string,
    @UuidParam('variantId') variantId: string,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<CartView> {
    return this.carts.removeItem(principal, id, token, variantId);
  }
}
