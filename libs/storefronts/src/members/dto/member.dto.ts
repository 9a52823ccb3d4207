import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '../../cooperatives/cooperative.entity';

export class InviteManagerDto {
  @ApiProperty({ example: 'fatima@example.com', description: 'The address the invitee will sign in with' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'fatima@example.com' }) email: string;
  @ApiProperty({ enum: ['manager'] }) role: 'manager';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({
    description:
      'Send it to the invitee, who accepts with POST /v1/invitations/{token}/accept. Shown this once.',
  })
  token: string;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Fatima Zahra Alaoui' }) name: string;
  @ApiProperty({ example: 'fatima@example.com' }) email: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class MemberListView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}
