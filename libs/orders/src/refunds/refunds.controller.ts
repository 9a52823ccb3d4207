import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal, Problem, UuidParam } from '@souk/platform';
import type { FastifyReply } from 'fastify';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency';
import { CreateRefundDto } from './dto/refund.dto';
import { RefundView } from './refund.view';
import { RefundsService } from './refunds.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id/refunds')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Post()
  @Auth({ scopes: ['orders:write'] })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Recommended: a retry with the same key finishes the same refund and never pays twice',
  })
  @ApiOperation({
    summary:
      'Refund the whole order (admins), or a sub-order or some of its lines (admins, or the cooperative concerned)',
  })
  @ApiCreatedResponse({ type: RefundView, description: '202 while the provider has not confirmed it yet' })
  async create(
    @UuidParam('id') id: string,
    @Body() dto: CreateRefundDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
    @Headers(IDEMPOTENCY_HEADER) key?: string,
  ): Promise<RefundView> {
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key))
      throw Problem.field('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    const answer = await this.refunds.refund(principal, id, dto, key);
    void reply.status(answer.status);
    return answer.body;
  }
}
