import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Page, type Principal, UuidParam } from '@souk/platform';
import { ConnectionsService } from '../connections/connections.service';
import {
  AdminListFailuresQueryDto,
  FailurePageView,
  type FailureView,
  ListFailuresQueryDto,
} from '../listings/dto/listing.dto';
import { FailuresService } from './failures.service';

@ApiTags('listing-sync')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id/listing-failures')
export class CooperativeFailuresController {
  constructor(
    private readonly failures: FailuresService,
    private readonly connections: ConnectionsService,
  ) {}

  @Get()
  @Auth({ scopes: ['catalogue:read'] })
  @ApiOperation({ summary: "Syncs of the cooperative's listings that gave up (dead letters), newest first" })
  @ApiOkResponse({ type: FailurePageView })
  async list(
    @UuidParam('id') cooperativeId: string,
    @Query() query: ListFailuresQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<FailureView>> {
    await this.connections.assertCooperative(principal, cooperativeId, { scope: 'catalogue:read' });
    return this.failures.list({ ...query, cooperativeId });
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Auth({ roles: ['admin'] })
@Controller('v1/admin/listing-failures')
export class AdminFailuresController {
  constructor(private readonly failures: FailuresService) {}

  @Get()
  @ApiOperation({ summary: 'Every listing sync that gave up (dead letters), newest first' })
  @ApiOkResponse({ type: FailurePageView })
  list(@Query() query: AdminListFailuresQueryDto): Promise<Page<FailureView>> {
    return this.failures.list(query);
  }
}
