import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  StorefrontCountsView,
  StorefrontView,
  toStorefrontView,
  type StorefrontRow,
} from '../storefronts/storefront.view';

export class CooperativeCountsView extends StorefrontCountsView {
  @ApiProperty({ description: 'Owners and managers', example: 3 }) members: number;
  @ApiProperty({ description: 'Invitations neither accepted nor expired', example: 1 })
  pendingInvitations: number;
}

/** What the cooperative's own members (and admins) see: the storefront plus its running. */
export class CooperativeView extends OmitType(StorefrontView, ['counts'] as const) {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The admin who verified it' })
  verifiedBy: string | null;
  @ApiProperty({ type: CooperativeCountsView }) counts: CooperativeCountsView;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export interface CooperativeRow extends StorefrontRow {
  verified_by: string | null;
  updated_at: Date;
  members: number;
  pending_invitations: number;
}

export const COOPERATIVE_EXTRA_COLUMNS = `c.verified_by, c.updated_at,
  (SELECT count(*)::int FROM cooperative_member m WHERE m.cooperative_id = c.id) AS members,
  (SELECT count(*)::int FROM cooperative_invitation i
    WHERE i.cooperative_id = c.id AND i.accepted_at IS NULL AND i.expires_at > now()) AS pending_invitations`;

export function toCooperativeView(row: CooperativeRow): CooperativeView {
  const storefront = toStorefrontView(row);
  return {
    ...storefront,
    verifiedBy: row.verified_by,
    counts: { ...storefront.counts, members: row.members, pendingInvitations: row.pending_invitations },
    updatedAt: row.updated_at.toISOString(),
  };
}
