import { Injectable } from '@nestjs/common';
import { Problem, problemType, Sql } from '@souk/platform';
import { createHash, randomBytes } from 'node:crypto';
import type { MemberRole } from '../cooperatives/cooperative.entity';
import type { InvitationView, MembershipView, MemberView } from './dto/member.dto';

const INVITATION_DAYS = 7;

/** Invitation tokens are 256 random bits, so a plain SHA-256 is enough to keep them unreadable at rest. */
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class MembersService {
  constructor(private readonly sql: Sql) {}

  /** An owner invites someone, by email, to manage the storefront with them. */
  async invite(cooperativeId: string, email: string, invitedBy: string): Promise<InvitationView> {
    const token = randomBytes(32).toString('base64url');
    // One statement: refuse to invite a current member, otherwise record the invitation.
    const row = await this.sql.one<{ id: string; email: string; expires_at: Date }>(
      `WITH member AS (
         SELECT 1 FROM cooperative_member m JOIN app_user u ON u.id = m.user_id
          WHERE m.cooperative_id = $1 AND lower(u.email) = lower($2))
       INSERT INTO cooperative_invitation (cooperative_id, email, role, token_hash, invited_by, expires_at)
       SELECT $1, $2, 'manager', $3, $4, now() + make_interval(days => $5)
        WHERE NOT EXISTS (SELECT 1 FROM member)
       RETURNING id, email, expires_at`,
      [cooperativeId, email, hashToken(token), invitedBy, INVITATION_DAYS],
    );
    if (!row) {
      throw Problem.conflict(`${email} is already a member of this cooperative`, {
        errors: [{ field: 'email', message: 'is already a member of this cooperative' }],
      });
    }
    return { id: row.id, email: row.email, role: 'manager', expiresAt: row.expires_at.toISOString(), token };
  }

  /**
   * The invitee, signed in with the invited address, becomes a manager. The invitation row is
   * locked so a token works once, and it is spent only when the membership is written.
   */
  accept(token: string, userId: string): Promise<MembershipView> {
    return this.sql.transaction(async (tx) => {
      const invitation = await tx.one<{ id: string; cooperative_id: string; same_email: boolean }>(
        `SELECT i.id, i.cooperative_id, lower(i.email) = lower(u.email) AS same_email
           FROM cooperative_invitation i JOIN app_user u ON u.id = $2
          WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > now()
          FOR UPDATE OF i`,
        [hashToken(token), userId],
      );
      if (!invitation) {
        throw new Problem({
          type: problemType('not-found'),
          title: 'Not found',
          status: 404,
          detail: 'This invitation is unknown, already used or expired',
        });
      }
      if (!invitation.same_email) {
        throw Problem.forbidden('This invitation was sent to another email address; sign in with that one');
      }
      const joined = await tx.one<{ created_at: Date }>(
        `INSERT INTO cooperative_member (cooperative_id, user_id, role) VALUES ($1, $2, 'manager')
         ON CONFLICT (cooperative_id, user_id) DO NOTHING
         RETURNING created_at`,
        [invitation.cooperative_id, userId],
      );
      if (!joined) throw Problem.conflict('You are already a member of this cooperative');
      await tx.rows(`UPDATE cooperative_invitation SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [
        invitation.id,
        userId,
      ]);
      return {
        cooperativeId: invitation.cooperative_id,
        userId,
        role: 'manager',
        joinedAt: joined.created_at.toISOString(),
      };
    });
  }

  /** Owners first, then managers in the order they joined. */
  async list(cooperativeId: string): Promise<MemberView[]> {
    const rows = await this.sql.rows<MemberView & { joinedAt: Date }>(
      `SELECT m.user_id AS "userId", u.name, u.email, m.role, m.created_at AS "joinedAt"
         FROM cooperative_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.cooperative_id = $1
        ORDER BY m.role = 'owner' DESC, m.created_at, m.user_id`,
      [cooperativeId],
    );
    return rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString() }));
  }

  /**
   * Removes a member. The cooperative row is locked first, so two owners removing each other
   * at once cannot leave the cooperative with none.
   */
  async remove(cooperativeId: string, userId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.rows(`SELECT id FROM cooperative WHERE id = $1 FOR UPDATE`, [cooperativeId]);
      const members = await tx.rows<{ user_id: string; role: MemberRole }>(
        `SELECT user_id, role FROM cooperative_member WHERE cooperative_id = $1`,
        [cooperativeId],
      );
      const leaving = members.find((m) => m.user_id === userId);
      if (!leaving) throw Problem.notFound('Member', userId);
      if (leaving.role === 'owner' && !members.some((m) => m.role === 'owner' && m.user_id !== userId)) {
        throw Problem.conflict('The last owner of a cooperative cannot be removed');
      }
      await tx.rows(`DELETE FROM cooperative_member WHERE cooperative_id = $1 AND user_id = $2`, [
        cooperativeId,
        userId,
      ]);
    });
  }
}
