import type { Craft } from '@souk/catalogue';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { RegionCode } from '../regions';

export const LEGAL_FORMS = ['cooperative', 'enterprise', 'individual_artisan'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const MEMBER_ROLES = ['owner', 'manager'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Text a buyer reads, in each locale the marketplace serves. */
export interface LocalizedText {
  fr: string;
  en: string;
  ar: string;
}

/**
 * A cooperative, artisan enterprise or individual artisan selling on Souk; its public face is
 * the storefront. `search` is left out on purpose: a trigger keeps it in step with the text.
 */
@Entity({ name: 'cooperative' })
export class Cooperative {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'legal_form', type: 'text' }) legalForm: LegalForm;
  @Column({ type: 'text' }) region: RegionCode;
  @Column({ type: 'text' }) city: string;
  @Column({ type: 'text', array: true }) crafts: Craft[];
  @Column({ type: 'jsonb' }) description: LocalizedText;
  @Column({ name: 'logo_url', type: 'text', nullable: true }) logoUrl: string | null;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
  @Column({ name: 'verified_by', type: 'uuid', nullable: true }) verifiedBy: string | null;
  /** numeric(3,2): pg hands it back as a string. */
  @Column({ name: 'rating_average', type: 'numeric', precision: 3, scale: 2, nullable: true }) ratingAverage:
    string | null;
  @Column({ name: 'rating_count', type: 'integer' }) ratingCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A person who runs a cooperative's storefront: its owner(s) and the managers they invited. */
@Entity({ name: 'cooperative_member' })
export class CooperativeMember {
  @PrimaryColumn({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) role: MemberRole;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** An owner's invitation to become a manager; only the SHA-256 of its token is kept. */
@Entity({ name: 'cooperative_invitation' })
export class CooperativeInvitation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) role: 'manager';
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'invited_by', type: 'uuid', nullable: true }) invitedBy: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column({ name: 'accepted_by', type: 'uuid', nullable: true }) acceptedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
