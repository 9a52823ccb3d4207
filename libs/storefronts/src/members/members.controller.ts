import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, UuidParam, type Principal } from '@souk/platform';
import { CooperativeAccess } from '../cooperatives/cooperative-access';
import { InvitationView, InviteManagerDto, MemberListView, MembershipView } from './dto/member.dto';
import { MembersService } from './members.service';

type SignedIn = Principal & { kind: 'user' };

/** Who runs a storefront: owners invite managers, managers accept, owners remove. People only, no API keys. */
@ApiTags('cooperatives')
@ApiBearerAuth()
@Auth()
@Controller('v1')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly access: CooperativeAccess,
  ) {}

  @Post('cooperatives/:id/invitations')
  @ApiCreatedResponse({ type: InvitationView, description: 'Owners only; the token is shown this once' })
  async invite(
    @UuidParam('id') id: string,
    @Body() dto: InviteManagerDto,
    @CurrentPrincipal() owner: SignedIn,
  ): Promise<InvitationView> {
    await this.access.assertCanManage(owner, id, { ownerOnly: true });
    return this.members.invite(id, dto.email, owner.userId);
  }

  @Post('invitations/:token/accept')
  @ApiCreatedResponse({
    type: MembershipView,
    description: 'The caller, signed in with the invited email, is now a manager',
  })
  accept(@Param('token') token: string, @CurrentPrincipal() invitee: SignedIn): Promise<MembershipView> {
    return this.members.accept(token, invitee.userId);
  }

  @Get('cooperatives/:id/members')
  @ApiOkResponse({ type: MemberListView })
  async list(@UuidParam('id') id: string, @CurrentPrincipal() principal: SignedIn): Promise<MemberListView> {
    await this.access.assertCanManage(principal, id);
    return { items: await this.members.list(id) };
  }

  @Delete('cooperatives/:id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Owners only; the last owner stays' })
  async remove(
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @CurrentPrincipal() owner: SignedIn,
  ): Promise<void> {
    await this.access.assertCanManage(owner, id, { ownerOnly: true });
    await this.members.remove(id, userId);
  }
}
