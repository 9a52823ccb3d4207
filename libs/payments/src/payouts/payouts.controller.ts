import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, TenancyService, UuidParam, type Principal } from '@souk/platform';
import { LedgerQueryDto, PayoutAccountDto, PayoutAccountView, PayoutsOverviewView } from './dto/payout.dto';
import { PayoutAccountsService } from './payout-accounts.service';

type SignedIn = Principal & { kind: 'user' };

@ApiTags('payouts')
@ApiBearerAuth()
@Controller('v1/cooperatives/:id')
export class PayoutsController {
  constructor(
    private readonly accounts: PayoutAccountsService,
    private readonly tenancy: TenancyService,
  ) {}

  @Get('payouts')
  @Auth({ scopes: ['orders:read'] })
  @ApiOperation({
    summary: "The cooperative's balance, ledger entries and payouts (members, admins, bound API keys)",
  })
  @ApiOkResponse({ type: PayoutsOverviewView })
  async overview(
    @UuidParam('id') id: string,
    @Query() query: LedgerQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PayoutsOverviewView> {
    await this.accounts.assertExists(id);
    await this.tenancy.assertCanManage(principal, id, { scope: 'orders:read' });
    return this.accounts.overview(id, query);
  }

  @Get('payout-account')
  @Auth()
  @ApiOperation({ summary: 'Where the cooperative is paid (members and admins); null when not set' })
  @ApiOkResponse({ type: PayoutAccountView })
  async account(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: SignedIn,
  ): Promise<PayoutAccountView | null> {
    await this.accounts.assertExists(id);
    await this.tenancy.assertCanManage(principal, id);
    return this.accounts.get(id);
  }

  @Put('payout-account')
  @Auth()
  @ApiOperation({
    summary: 'Set where the cooperative is paid: a RIB or a Stripe connected account (owners only)',
  })
  @ApiOkResponse({ type: PayoutAccountView })
  async setAccount(
    @UuidParam('id') id: string,
    @Body() dto: PayoutAccountDto,
    @CurrentPrincipal() principal: SignedIn,
  ): Promise<PayoutAccountView> {
    await this.accounts.assertExists(id);
    await this.tenancy.assertCanManage(principal, id, { ownerOnly: true });
    return this.accounts.set(id, dto, principal.userId);
  }
}
