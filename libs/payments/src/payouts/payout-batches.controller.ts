import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, UuidParam, type Principal } from '@souk/platform';
import type { FastifyReply } from 'fastify';
import { PayoutBatchView, PayoutFailureDto, PayoutRunView, PayoutView } from './dto/payout.dto';
import { PayoutsService } from './payouts.service';

type SignedIn = Principal & { kind: 'user' };

@ApiTags('payouts')
@ApiBearerAuth()
@Auth({ roles: ['admin'] })
@Controller('v1/admin')
export class PayoutBatchesController {
  constructor(private readonly payouts: PayoutsService) {}

  @Post('payouts/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the payouts now (the worker also runs them on schedule)' })
  @ApiOkResponse({ type: PayoutRunView })
  run(): Promise<PayoutRunView> {
    return this.payouts.run();
  }

  @Post('payouts/:id/failed')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A payout did not reach the cooperative (e.g. returned by the bank): credit it back',
  })
  @ApiOkResponse({ type: PayoutView })
  fail(@UuidParam('id') id: string, @Body() dto: PayoutFailureDto): Promise<PayoutView> {
    return this.payouts.fail(id, dto.reason);
  }

  @Get('payout-batches')
  @ApiOkResponse({ type: [PayoutBatchView] })
  batches(): Promise<PayoutBatchView[]> {
    return this.payouts.batches();
  }

  @Get('payout-batches/:id/file')
  @ApiOperation({ summary: 'The bank-transfer file of a batch (CSV with each cooperative RIB)' })
  @ApiProduces('text/csv')
  async file(@UuidParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { filename, csv } = await this.payouts.batchFile(id);
    await reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(csv);
  }

  @Post('payout-batches/:id/paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'The bank made the transfers of this batch: its payouts are paid' })
  @ApiOkResponse({ type: PayoutBatchView })
  markPaid(@UuidParam('id') id: string, @CurrentPrincipal() admin: SignedIn): Promise<PayoutBatchView> {
    return this.payouts.markBatchPaid(id, admin.userId);
  }
}
