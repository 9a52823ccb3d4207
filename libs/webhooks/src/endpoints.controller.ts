import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal, UuidParam } from '@souk/platform';
import { CreateEndpointDto, CreatedEndpointDto, DeliveryDto, EndpointDto } from './dto/endpoint.dto';
import { EndpointsService } from './endpoints.service';

/** Partners' webhook subscriptions: admins, and API keys with the `webhooks:manage` scope. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Auth({ roles: ['admin'], scopes: ['webhooks:manage'] })
@Controller('v1/webhooks')
export class EndpointsController {
  constructor(private readonly endpoints: EndpointsService) {}

  @Post('endpoints')
  @ApiCreatedResponse({ type: CreatedEndpointDto, description: 'The `secret` is shown this once.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateEndpointDto,
  ): Promise<CreatedEndpointDto> {
    return this.endpoints.create(principal, dto);
  }

  @Get('endpoints')
  @ApiOkResponse({ type: EndpointDto, isArray: true })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: EndpointDto[] }> {
    return { items: await this.endpoints.list(principal) };
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  disable(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.endpoints.disable(principal, id);
  }

  @Get('endpoints/:id/deliveries')
  @ApiOkResponse({
    type: DeliveryDto,
    isArray: true,
    description: 'The latest 50 deliveries, each with its attempts',
  })
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<{ items: DeliveryDto[] }> {
    return { items: await this.endpoints.deliveries(principal, id) };
  }

  @Post('deliveries/:id/replay')
  @HttpCode(202)
  replay(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<{ id: string; status: 'pending' }> {
    return this.endpoints.replay(principal, id);
  }
}
