import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal, UuidParam } from '@souk/platform';
import { CommissionService } from './commission.service';
import { CommissionView, SetCommissionDto } from './commission.view';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id/commission')
export class CommissionController {
  constructor(private readonly commission: CommissionService) {}

  @Get()
  @Auth({ scopes: ['orders:read'] })
  @ApiOperation({ summary: "The commission rate applied to the cooperative's future orders" })
  @ApiOkResponse({ type: CommissionView })
  view(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CommissionView> {
    return this.commission.view(principal, id);
  }

  @Put()
  @Auth({ roles: ['admin'] })
  @ApiOperation({
    summary: "Set a cooperative's own commission rate (admins); orders already placed keep theirs",
  })
  @ApiOkResponse({ type: CommissionView })
  set(
    @UuidParam('id') id: string,
    @Body() dto: SetCommissionDto,
    @CurrentPrincipal() admin: Principal & { kind: 'user' },
  ): Promise<CommissionView> {
    return this.commission.set(admin.userId, id, dto.rateBp);
  }
}
