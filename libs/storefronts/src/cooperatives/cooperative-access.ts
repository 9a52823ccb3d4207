import { Injectable } from '@nestjs/common';
import { Problem, Sql, TenancyService, type Principal, type Scope } from '@souk/platform';

/**
 * The door to a cooperative's private side: an unknown cooperative is a 404 for everyone,
 * then TenancyService decides between its members (or owners only), admins and bound API keys.
 */
@Injectable()
export class CooperativeAccess {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
  ) {}

  async assertCanManage(
    principal: Principal | undefined,
    cooperativeId: string,
    opts: { ownerOnly?: boolean; scope?: Scope } = {},
  ): Promise<void> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId]))) {
      throw Problem.notFound('Cooperative', cooperativeId);
    }
    await this.tenancy.assertCanManage(principal, cooperativeId, opts);
  }
}
