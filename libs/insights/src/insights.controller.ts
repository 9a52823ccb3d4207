import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, UuidParam, type Principal } from '@souk/platform';
import type { FastifyReply } from 'fastify';
import { buyersCsv, salesCsv } from './csv';
import { CooperativeInsightsQueryDto, MarketInsightsQueryDto } from './dto/insights-query.dto';
import { BuyersMapView, SalesInsightsView } from './sales/insight.view';
import { InsightsService } from './sales/insights.service';

/** `Accept: text/csv` (or `?format=csv`) asks for the CSV download; anything else gets JSON. */
const wantsCsv = (accept: string | undefined, format: string | undefined): boolean =>
  format === 'csv' || (format !== 'json' && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? ''));

function asCsv(reply: FastifyReply, csv: string, name: string, q: { from?: string; to?: string }): string {
  const period = [q.from, q.to].filter(Boolean).join('_');
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}${period ? `-${period}` : ''}.csv"`)
    .header('vary', 'accept');
  return csv;
}

/** Export insights: where sales go, of which crafts, month by month; figures in MAD. */
@ApiTags('insights')
@ApiBearerAuth()
@Controller('v1')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('cooperatives/:id/insights')
  @Auth({ scopes: ['insights:read'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: SalesInsightsView,
    description: "The cooperative's members and admins (and its own insights:read keys)",
  })
  async cooperative(
    @UuidParam('id') id: string,
    @Query() query: CooperativeInsightsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SalesInsightsView | string> {
    const view = await this.insights.cooperativeSales(principal, id, query);
    return wantsCsv(accept, query.format) ? asCsv(reply, salesCsv(view), `insights-${id}`, query) : view;
  }

  @Get('insights/exports')
  @Auth({ roles: ['admin'], scopes: ['insights:read'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: SalesInsightsView,
    description: 'Admins, and API keys with the scope insights:read',
  })
  async exports(
    @Query() query: MarketInsightsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SalesInsightsView | string> {
    const view = await this.insights.sales(query);
    return wantsCsv(accept, query.format) ? asCsv(reply, salesCsv(view), 'insights-exports', query) : view;
  }

  @Get('insights/buyers')
  @Auth({ roles: ['admin'], scopes: ['insights:read'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BuyersMapView, description: 'Admins, and API keys with the scope insights:read' })
  async buyers(
    @Query() query: MarketInsightsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BuyersMapView | string> {
    const view = await this.insights.buyers(query);
    return wantsCsv(accept, query.format) ? asCsv(reply, buyersCsv(view), 'insights-buyers', query) : view;
  }
}
