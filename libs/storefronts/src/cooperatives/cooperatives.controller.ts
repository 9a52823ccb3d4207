import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, UuidParam, type Principal } from '@souk/platform';
import { CooperativeAccess } from './cooperative-access';
import { CooperativeView } from './cooperative.view';
import { CooperativesService } from './cooperatives.service';
import { CreateCooperativeDto, UpdateCooperativeDto, VerificationDto } from './dto/cooperative.dto';

type SignedIn = Principal & { kind: 'user' };

@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('v1/cooperatives')
export class CooperativesController {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly access: CooperativeAccess,
  ) {}

  /** Any signed-in person may open a cooperative; API keys may not (no scope allows it). */
  @Post()
  @Auth()
  @ApiCreatedResponse({ type: CooperativeView, description: 'The caller is its owner' })
  create(@Body() dto: CreateCooperativeDto, @CurrentPrincipal() founder: SignedIn): Promise<CooperativeView> {
    return this.cooperatives.create(dto, founder.userId);
  }

  @Get(':id')
  @Auth({ scopes: ['storefronts:write'] })
  @ApiOkResponse({
    type: CooperativeView,
    description: 'Members, admins and API keys bound to the cooperative',
  })
  async view(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CooperativeView> {
    await this.access.assertCanManage(principal, id, { scope: 'storefronts:write' });
    return this.cooperatives.view(id);
  }

  @Patch(':id')
  @Auth({ scopes: ['storefronts:write'] })
  @ApiOkResponse({ type: CooperativeView })
  async update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateCooperativeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CooperativeView> {
    await this.access.assertCanManage(principal, id, { scope: 'storefronts:write' });
    return this.cooperatives.update(id, dto);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Auth({ roles: ['admin'] })
  @ApiOkResponse({ type: CooperativeView })
  verify(
    @UuidParam('id') id: string,
    @Body() dto: VerificationDto,
    @CurrentPrincipal() admin: SignedIn,
  ): Promise<CooperativeView> {
    return this.cooperatives.setVerified(id, dto.verified, admin.userId);
  }
}
