import { Inject, Injectable } from '@nestjs/common';
import {
  type Principal,
  Problem,
  SOUK_CONFIG,
  type SoukConfig,
  Sql,
  type SqlRunner,
  TenancyService,
} from '@souk/platform';
import type { CommissionView } from './commission.view';

/** The marketplace's share of a cooperative's goods, in basis points: its own rate, or the default. */
@Injectable()
export class CommissionService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  /** Each cooperative's rate, for a checkout: one statement for all of them. */
  async rates(runner: SqlRunner, cooperativeIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await runner.rows<{ cooperative_id: string; rate_bp: number }>(
      `SELECT cooperative_id, rate_bp FROM cooperative_commission WHERE cooperative_id = ANY($1::uuid[])`,
      [cooperativeIds],
    );
    const own = new Map(rows.map((r) => [r.cooperative_id, r.rate_bp]));
    return new Map(cooperativeIds.map((id) => [id, own.get(id) ?? this.config.ORDERS_COMMISSION_BP]));
  }

  async view(principal: Principal, cooperativeId: string): Promise<CommissionView> {
    await this.assertCooperative(cooperativeId);
    await this.tenancy.assertCanManage(principal, cooperativeId, { scope: 'orders:read' });
    return this.read(cooperativeId);
  }

  /** Admins only (the route says so); null goes back to the marketplace default. */
  async set(adminId: string, cooperativeId: string, rateBp: number | null): Promise<CommissionView> {
    await this.assertCooperative(cooperativeId);
    if (rateBp === null) {
      await this.sql.rows(`DELETE FROM cooperative_commission WHERE cooperative_id = $1`, [cooperativeId]);
    } else {
      await this.sql.rows(
        `INSERT INTO cooperative_commission (cooperative_id, rate_bp, set_by) VALUES ($1, $2, $3)
         ON CONFLICT (cooperative_id) DO UPDATE SET rate_bp = EXCLUDED.rate_bp, set_by = EXCLUDED.set_by, updated_at = now()`,
        [cooperativeId, rateBp, adminId],
      );
    }
    return this.read(cooperativeId);
  }

  private async read(cooperativeId: string): Promise<CommissionView> {
    const row = await this.sql.one<{ rate_bp: number; updated_at: Date }>(
      `SELECT rate_bp, updated_at FROM cooperative_commission WHERE cooperative_id = $1`,
      [cooperativeId],
    );
    return {
      cooperativeId,
      rateBp: row?.rate_bp ?? this.config.ORDERS_COMMISSION_BP,
      isDefault: !row,
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  }

  private async assertCooperative(id: string): Promise<void> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [id])))
      throw Problem.notFound('Cooperative', id);
  }
}
