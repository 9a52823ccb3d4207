import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';
import { Problem } from '../errors/problem';
import type { Principal, Scope } from './principal';

export type MemberRole = 'owner' | 'manager';

/**
 * Who may act for a cooperative: its members (owners, and managers unless ownerOnly),
 * admins, and API keys bound to that cooperative with the needed scope.
 */
@Injectable()
export class TenancyService {
  constructor(private readonly sql: Sql) {}

  async roleIn(userId: string, cooperativeId: string): Promise<MemberRole | undefined> {
    const row = await this.sql.one<{ role: MemberRole }>(
      `SELECT role FROM cooperative_member WHERE cooperative_id = $1 AND user_id = $2`,
      [cooperativeId, userId],
    );
    return row?.role;
  }

  /** Whether the principal may manage the cooperative; never throws. */
  async canManage(
    principal: Principal | undefined,
    cooperativeId: string,
    opts: { ownerOnly?: boolean; scope?: Scope } = {},
  ): Promise<boolean> {
    if (!principal) return false;
    if (principal.kind === 'api-key') {
      return (
        !opts.ownerOnly &&
        principal.cooperativeId === cooperativeId &&
        (!opts.scope || principal.scopes.includes(opts.scope))
      );
    }
    if (principal.role === 'admin') return true;
    const role = await this.roleIn(principal.userId, cooperativeId);
    return role === 'owner' || (role === 'manager' && !opts.ownerOnly);
  }

  async assertCanManage(
    principal: Principal | undefined,
    cooperativeId: string,
    opts: { ownerOnly?: boolean; scope?: Scope } = {},
  ): Promise<void> {
    if (!principal) throw Problem.unauthorized();
    if (!(await this.canManage(principal, cooperativeId, opts))) {
      throw Problem.forbidden(
        opts.ownerOnly
          ? 'Only an owner of this cooperative can do this'
          : 'Only members of this cooperative can do this',
      );
    }
  }
}
