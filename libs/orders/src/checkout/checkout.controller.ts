import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@souk/platform';
import type { FastifyReply } from 'fastify';
import { CART_TOKEN_HEADER } from '../carts/cart-access';
import { IDEMPOTENCY_HEADER, requireKey } from '../idempotency/idempotency';
import { OrderView } from '../orders/order.view';
import { CheckoutService } from './checkout.service';
import { CheckoutDto } from './dto/checkout.dto';

@ApiTags('orders')
@Controller('v1/checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'One value per checkout attempt. The same key and body give the same answer again; the same key with another body is a 422.',
  })
  @ApiHeader({ name: 'X-Cart-Token', required: false, description: "A guest cart's token" })
  @ApiOperation({
    summary:
      'Turn a cart into an order: stock reserved, one sub-order per cooperative, the payment opened; answers the payment session',
  })
  @ApiCreatedResponse({ type: OrderView })
  async create(
    @Body() dto: CheckoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
    @Headers(CART_TOKEN_HEADER) token?: string,
    @CurrentPrincipal() principal?: Principal,
  ): Promise<OrderView> {
    const answer = await this.checkout.checkout(principal, token, requireKey(key), dto);
    void reply.status(answer.status);
    return answer.body;
  }
}
