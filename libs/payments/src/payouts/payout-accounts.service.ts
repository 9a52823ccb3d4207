import { Injectable } from '@nestjs/common';
import { decodeCursor, Problem, Sql, toPage } from '@souk/platform';
import { LedgerService } from '../ledger/ledger.service';
import type {
  LedgerQueryDto,
  PayoutAccountDto,
  PayoutAccountView,
  PayoutsOverviewView,
} from './dto/payout.dto';
import {
  PAYOUT_COLUMNS,
  toAccountView,
  toEntryView,
  toPayoutView,
  type AccountRow,
  type EntryRow,
  type PayoutRow,
} from './payout-views';

const ACCOUNT_COLUMNS = `cooperative_id, method, account_holder, rib, bank_name, stripe_account_id, updated_at`;

/** A cooperative's side of its money: where it is paid, its balance, its entries and payouts. */
@Injectable()
export class PayoutAccountsService {
  constructor(
    private readonly sql: Sql,
    private readonly ledger: LedgerService,
  ) {}

  async assertExists(cooperativeId: string): Promise<void> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId])))
      throw Problem.notFound('Cooperative', cooperativeId);
  }

  /** Sets (or replaces) the payout account; payouts already made keep the account they were made to. */
  async set(cooperativeId: string, dto: PayoutAccountDto, userId: string): Promise<PayoutAccountView> {
    const bank = dto.method === 'bank_transfer';
    const row = await this.sql.one<AccountRow>(
      `INSERT INTO cooperative_payout_account
              (cooperative_id, method, account_holder, rib, bank_name, stripe_account_id, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (cooperative_id) DO UPDATE SET method = EXCLUDED.method, account_holder = EXCLUDED.account_holder,
              rib = EXCLUDED.rib, bank_name = EXCLUDED.bank_name, stripe_account_id = EXCLUDED.stripe_account_id,
              updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${ACCOUNT_COLUMNS}`,
      [
        cooperativeId,
        dto.method,
        dto.accountHolder,
        bank ? dto.rib : null,
        bank ? (dto.bankName ?? null) : null,
        bank ? null : dto.stripeAccountId,
        userId,
      ],
    );
    return toAccountView(row!);
  }

  async get(cooperativeId: string): Promise<PayoutAccountView | null> {
    const row = await this.sql.one<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM cooperative_payout_account WHERE cooperative_id = $1`,
      [cooperativeId],
    );
    return row ? toAccountView(row) : null;
  }

  /** Balance and availability (sums of entries), a page of entries newest first, and the latest payouts. */
  async overview(cooperativeId: string, query: LedgerQueryDto): Promise<PayoutsOverviewView> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, 1) : null;
    const [balance, account, entries, payouts] = await Promise.all([
      this.ledger.balance(cooperativeId),
      this.get(cooperativeId),
      this.sql.rows<EntryRow>(
        `SELECT e.id::text AS id, e.kind, e.amount, e.order_id, e.sub_order_id, e.payout_id, e.memo, e.created_at
           FROM ledger_entry e
          WHERE e.account = 'cooperative' AND e.cooperative_id = $1 AND ($2::bigint IS NULL OR e.id < $2::bigint)
          ORDER BY e.id DESC LIMIT $3`,
        [cooperativeId, after ? String(after[0]) : null, limit + 1],
      ),
      this.sql.rows<PayoutRow>(
        `SELECT ${PAYOUT_COLUMNS} FROM payout WHERE cooperative_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50`,
        [cooperativeId],
      ),
    ]);
    return {
      cooperativeId,
      ...balance,
      account,
      entries: toPage(entries, limit, (r) => [r.id], toEntryView),
      payouts: payouts.map(toPayoutView),
    };
  }
}
