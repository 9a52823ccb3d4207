import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal, UuidParam } from '@souk/platform';
import type { FastifyReply } from 'fastify';
import { AnouFeedService, type AnouFeed } from '../feed/anou-feed.service';
import { ConnectionsService } from './connections.service';
import {
  ChannelConnectionListView,
  ChannelConnectionView,
  ConnectChannelDto,
  ResyncView,
} from './dto/channel.dto';

@ApiTags('listing-sync')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id/channels')
export class ChannelsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly feeds: AnouFeedService,
  ) {}

  @Post()
  @Auth({ scopes: ['catalogue:write'] })
  @ApiOperation({
    summary:
      'Connect a channel (or replace its credentials and product choice); its listings follow the products from then on',
  })
  @ApiCreatedResponse({ type: ChannelConnectionView })
  connect(
    @UuidParam('id') cooperativeId: string,
    @Body() dto: ConnectChannelDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChannelConnectionView> {
    return this.connections.connect(principal, cooperativeId, dto);
  }

  @Get()
  @Auth({ scopes: ['catalogue:read'] })
  @ApiOperation({ summary: "The cooperative's channels, with their listings counted by sync status" })
  @ApiOkResponse({ type: ChannelConnectionListView })
  async list(
    @UuidParam('id') cooperativeId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChannelConnectionListView> {
    return { items: await this.connections.list(principal, cooperativeId) };
  }

  @Post(':channel/resync')
  @HttpCode(202)
  @Auth({ scopes: ['catalogue:write'] })
  @ApiOperation({ summary: 'Push every listing of the cooperative on this channel again, changed or not' })
  @ApiAcceptedResponse({ type: ResyncView })
  resync(
    @UuidParam('id') cooperativeId: string,
    @Param('channel') channel: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ResyncView> {
    return this.connections.resync(principal, cooperativeId, channel);
  }

  @Get('anou/feed')
  @Auth({ scopes: ['catalogue:read'] })
  @ApiOperation({
    summary:
      'The listings in the Anou contract, for platforms that import files: JSON, or CSV with Accept: text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  async feed(
    @UuidParam('id') cooperativeId: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnouFeed | string> {
    await this.connections.assertCooperative(principal, cooperativeId, { scope: 'catalogue:read' });
    const feed = await this.feeds.feed(cooperativeId);
    if (!accept?.includes('text/csv')) return feed;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="anou-feed-${cooperativeId}.csv"`);
    return this.feeds.csv(feed);
  }
}
