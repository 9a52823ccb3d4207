import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Page, type Principal, UuidParam } from '@souk/platform';
import { CART_TOKEN_HEADER } from '../carts/cart-access';
import { DEFAULT_LIMIT, ListSubOrdersQueryDto, PageQueryDto, ShipDto } from './dto/orders.dto';
import { OrderPageView, OrderView, SubOrderPageView, SubOrderView } from './order.view';
import { OrdersService } from './orders.service';
import { SubOrdersService } from './sub-orders.service';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in buyer's orders, newest first" })
  @ApiOkResponse({ type: OrderPageView })
  mine(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<OrderView>> {
    return this.orders.mine(principal, query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  @Get(':id')
  @ApiHeader({ name: 'X-Cart-Token', required: false, description: "A guest's cart token opens its order" })
  @ApiOperation({
    summary: 'The whole order, for its buyer (or the guest holding the cart token) and admins',
  })
  @ApiOkResponse({ type: OrderView })
  view(
    @UuidParam('id') id: string,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<OrderView> {
    return this.orders.buyerView(principal, id, token);
  }
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id/orders')
export class CooperativeOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Auth({ scopes: ['orders:read'] })
  @ApiOperation({
    summary: "The cooperative's sub-orders (its part of each order, nothing else), newest first",
  })
  @ApiOkResponse({ type: SubOrderPageView })
  list(
    @UuidParam('id') cooperativeId: string,
    @Query() query: ListSubOrdersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<SubOrderView>> {
    return this.orders.forCooperative(principal, cooperativeId, {
      statuses: query.status,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  }
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/sub-orders')
export class SubOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly subOrders: SubOrdersService,
  ) {}

  @Get(':id')
  @Auth({ scopes: ['orders:read'] })
  @ApiOperation({ summary: "One sub-order, for its cooperative's members and admins" })
  @ApiOkResponse({ type: SubOrderView })
  view(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubOrderView> {
    return this.orders.subOrder(principal, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Auth({ scopes: ['orders:write'] })
  @ApiOperation({ summary: 'Accept a paid sub-order (paid → accepted)' })
  @ApiOkResponse({ type: SubOrderView })
  accept(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubOrderView> {
    return this.subOrders.accept(principal, id);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Auth({ scopes: ['orders:write'] })
  @ApiOperation({ summary: 'Hand it to the carrier (accepted → shipped), with the tracking number' })
  @ApiOkResponse({ type: SubOrderView })
  ship(
    @UuidParam('id') id: string,
    @Body() dto: ShipDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubOrderView> {
    return this.subOrders.ship(principal, id, { carrier: dto.carrier, trackingNumber: dto.trackingNumber });
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Auth({ scopes: ['orders:write'] })
  @ApiOperation({
    summary: 'Confirm delivery (shipped → delivered); the order completes when every part is delivered',
  })
  @ApiOkResponse({ type: SubOrderView })
  deliver(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubOrderView> {
    return this.subOrders.deliver(principal, id);
  }
}
