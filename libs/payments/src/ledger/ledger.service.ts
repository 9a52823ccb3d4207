import { Inject, Injectable } from '@nestjs/common';
import { Sql, type Money, type SqlRunner, type SqlTransaction } from '@souk/platform';
import { randomUUID } from 'node:crypto';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';

export const LEDGER_KINDS = [
  'sale',
  'commission',
  'refund',
  'commission_refund',
  'payout',
  'payout_reversal',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** What the order side records: amounts in MAD, signed, a credit to the cooperative positive. */
export interface LedgerEntryInput {
  cooperativeId: string;
  kind: 'sale' | 'commission' | 'refund' | 'commission_refund' | 'payout';
  amount: Money;
  orderId?: string;
  subOrderId?: string;
  paymentId?: string;
  refundId?: string;
  payoutId?: string;
  memo?: string;
}

type AnyEntry = Omit<LedgerEntryInput, 'kind'> & { kind: LedgerKind };

/** Credits to the cooperative; every other kind is a debit. */
const CREDITS: readonly LedgerKind[] = ['sale', 'commission_refund', 'payout_reversal'];
/** The platform account on the other side of each kind. */
const CONTRA = (kind: LedgerKind) =>
  kind === 'commission' || kind === 'commission_refund' ? 'platform_commission' : 'platform_cash';

/** The lines a payout may pay: all but sales still in their holding period ($2 days, or `days`). */
export const availableWhere = (days: string) =>
  `NOT (kind = 'sale' AND created_at > now() - make_interval(days => ${days}))`;
const AVAILABLE = availableWhere('$2');

export interface Balance {
  balance: Money;
  available: Money;
}

/**
 * The cooperatives' double-entry ledger: each entry is a journal of two lines (the cooperative's and
 * the platform's) that sum to zero, appended and never changed. A balance is always the sum of lines.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly sql: Sql,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  /** Appends entries in the caller's transaction; amounts in MAD, signed (credit to the cooperative positive). */
  record(tx: SqlTransaction, entries: LedgerEntryInput[]): Promise<void> {
    return this.append(tx, entries);
  }

  /** Also takes the payout kinds the payout run writes. */
  async append(tx: SqlRunner, entries: AnyEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const lines = entries.flatMap((e) => {
      check(e);
      const journal = randomUUID();
      const refs = {
        journal_id: journal,
        kind: e.kind,
        cooperative_id: e.cooperativeId,
        order_id: e.orderId ?? null,
        sub_order_id: e.subOrderId ?? null,
        payment_id: e.paymentId ?? null,
        refund_id: e.refundId ?? null,
        payout_id: e.payoutId ?? null,
        memo: e.memo ?? null,
      };
      return [
        { ...refs, account: 'cooperative', amount: e.amount.amount },
        { ...refs, account: CONTRA(e.kind), amount: -e.amount.amount },
      ];
    });
    await tx.rows(
      `INSERT INTO ledger_entry (journal_id, kind, account, cooperative_id, amount, order_id, sub_order_id,
                                 payment_id, refund_id, payout_id, memo)
       SELECT journal_id, kind, account, cooperative_id, amount, order_id, sub_order_id, payment_id, refund_id, payout_id, memo
         FROM jsonb_to_recordset($1::jsonb) AS l(journal_id uuid, kind text, account text, cooperative_id uuid,
              amount bigint, order_id uuid, sub_order_id uuid, payment_id uuid, refund_id text, payout_id uuid, memo text)`,
      [JSON.stringify(lines)],
    );
  }

  /**
   * The balance is every line of the cooperative's account; what is available leaves out sales
   * younger than the holding period (the refund window). Everything else counts at once.
   */
  async balance(cooperativeId: string, runner: SqlRunner = this.sql): Promise<Balance> {
    const row = await runner.one<{ balance: string; available: string }>(
      `SELECT coalesce(sum(amount), 0) AS balance, coalesce(sum(amount) FILTER (WHERE ${AVAILABLE}), 0) AS available
         FROM ledger_entry WHERE account = 'cooperative' AND cooperative_id = $1`,
      [cooperativeId, this.settings.payouts.holdDays],
    );
    return {
      balance: { amount: Number(row!.balance), currency: 'MAD' },
      available: { amount: Number(row!.available), currency: 'MAD' },
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function check(e: AnyEntry): void {
  if (!LEDGER_KINDS.includes(e.kind)) throw new RangeError(`unknown ledger entry kind ${e.kind}`);
  if (!UUID.test(e.cooperativeId))
    throw new RangeError(`ledger entry needs a cooperative id, got ${e.cooperativeId}`);
  if (e.amount.currency !== 'MAD')
    throw new RangeError(`ledger entries are in MAD, got ${e.amount.currency}`);
  if (!Number.isSafeInteger(e.amount.amount) || e.amount.amount === 0)
    throw new RangeError(`ledger amounts are non-zero integers of centimes, got ${e.amount.amount}`);
  if (CREDITS.includes(e.kind) !== e.amount.amount > 0)
    throw new RangeError(
      `a ${e.kind} entry is a ${CREDITS.includes(e.kind) ? 'credit (positive)' : 'debit (negative)'} to the cooperative`,
    );
}
