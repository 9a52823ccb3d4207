import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal, UuidParam } from '@souk/platform';
import { ResyncView } from '../connections/dto/channel.dto';
import { ListingListView, ResyncDto } from './dto/listing.dto';
import { ListingsService } from './listings.service';

@ApiTags('listing-sync')
@ApiBearerAuth()
@Controller('v1/products/:id/listings')
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  @Get()
  @Auth({ scopes: ['catalogue:read'] })
  @ApiOperation({
    summary:
      "The product's listing on each channel: external id, status, last synced hash and time, last error, attempts",
  })
  @ApiOkResponse({ type: ListingListView })
  async list(
    @UuidParam('id') productId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListingListView> {
    return { items: await this.listings.list(principal, productId) };
  }

  @Post('resync')
  @HttpCode(202)
  @Auth({ scopes: ['catalogue:write'] })
  @ApiOperation({ summary: 'Push the product again to its channels (or to one), changed or not' })
  @ApiAcceptedResponse({ type: ResyncView })
  resync(
    @UuidParam('id') productId: string,
    @Body() dto: ResyncDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ResyncView> {
    return this.listings.resync(principal, productId, dto.channel);
  }
}
