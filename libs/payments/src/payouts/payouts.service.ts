import { Inject, Injectable, Logger } from '@nestjs/common';
import { Outbox, Problem, Sql, type SqlTransaction } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';
import { availableWhere, LedgerService } from '../ledger/ledger.service';
import { GatewayError } from '../providers/gateway-http';
import { PaymentProviders } from '../providers/payment-providers';
import { bankTransferCsv, type BankTransferLine } from './bank-transfer-file';
import type { PayoutBatchView, PayoutRunView, PayoutView } from './dto/payout.dto';
import { PAYOUT_COLUMNS, toBatchView, toPayoutView, type BatchRow, type PayoutRow } from './payout-views';

interface Due {
  cooperative_id: string;
  available: string;
  method: 'bank_transfer' | 'stripe';
  account_holder: string;
  rib: string | null;
  stripe_account_id: string | null;
}

const AVAILABLE = availableWhere('$1')
  .replace(/\bkind\b/g, 'l.kind')
  .replace(/\bcreated_at\b/g, 'l.created_at');

const BATCH_COLUMNS = `b.id, b.status, b.created_at, b.downloaded_at, b.paid_at,
  (SELECT count(*)::int FROM payout p WHERE p.batch_id = b.id) AS payouts,
  (SELECT coalesce(sum(amount), 0) FROM payout p WHERE p.batch_id = b.id) AS total`;

/**
 * Pays cooperatives what the ledger says is available: one payout per cooperative and run, written
 * with its ledger debit in one transaction, then sent by Stripe transfer or listed in a bank file.
 */
@Injectable()
export class PayoutsService {
  private readonly log = new Logger(PayoutsService.name);

  constructor(
    private readonly sql: Sql,
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    private readonly providers: PaymentProviders,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async run(): Promise<PayoutRunView> {
    const made = await this.sql.transaction((tx) => this.create(tx));
    let transferred = 0;
    let failed = 0;
    for (const id of await this.pendingTransfers()) {
      const outcome = await this.transfer(id);
      if (outcome === 'paid') transferred++;
      if (outcome === 'failed') failed++;
    }
    return { ...made, transferred, failed };
  }

  /** Sends one Stripe payout; the payout id is the idempotency key, so a retry never pays twice. */
  async transfer(payoutId: string): Promise<'paid' | 'pending' | 'failed'> {
    const p = await this.sql.one<PayoutRow & { account_holder: string }>(
      `SELECT ${PAYOUT_COLUMNS}, account_holder FROM payout WHERE id = $1 AND status = 'pending' AND method = 'stripe'`,
      [payoutId],
    );
    if (!p) return 'pending';
    const stripe = this.providers.stripe();
    if (!stripe) {
      await this.sql.rows(`UPDATE payout SET last_error = $2, updated_at = now() WHERE id = $1`, [
        p.id,
        'Stripe is not enabled',
      ]);
      return 'pending';
    }
    try {
      const t = await stripe.transfer({
        key: `payout-${p.id}`,
        amount: { amount: Number(p.amount), currency: 'MAD' },
        destination: p.stripe_account_id!,
        group: `payout-${p.id}`,
        memo: `Souk payout to ${p.account_holder}`,
      });
      await this.sql.transaction(async (tx) => {
        const paid = await tx.one(
          `UPDATE payout SET status = 'paid', stripe_transfer_id = $2, paid_at = now(), attempts = attempts + 1,
                  last_error = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING id`,
          [p.id, t.id],
        );
        if (paid) await this.event(tx, 'payout.paid', p);
      });
      return 'paid';
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      if (err.kind === 'rejected') {
        await this.fail(p.id, err.message);
        return 'failed';
      }
      await this.sql.rows(
        `UPDATE payout SET attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1`,
        [p.id, err.message],
      );
      return 'pending';
    }
  }

  /** A payout that did not reach the cooperative: its amount goes back to the balance. */
  async fail(payoutId: string, reason: string): Promise<PayoutView> {
    return this.sql.transaction(async (tx) => {
      const p = await tx.one<PayoutRow>(
        `UPDATE payout SET status = 'failed', last_error = $2, updated_at = now()
          WHERE id = $1 AND (status = 'pending' OR (status = 'paid' AND method = 'bank_transfer'))
          RETURNING ${PAYOUT_COLUMNS}`,
        [payoutId, reason],
      );
      if (!p) {
        const current = await tx.one<PayoutRow>(`SELECT ${PAYOUT_COLUMNS} FROM payout WHERE id = $1`, [
          payoutId,
        ]);
        if (!current) throw Problem.notFound('Payout', payoutId);
        throw Problem.conflict(`Payout ${payoutId} is ${current.status} and cannot be marked failed`);
      }
      await this.ledger.append(tx, [
        {
          cooperativeId: p.cooperative_id,
          kind: 'payout_reversal',
          amount: { amount: Number(p.amount), currency: 'MAD' },
          payoutId: p.id,
          memo: reason.slice(0, 200),
        },
      ]);
      await this.event(tx, 'payout.failed', p, { reason });
      return toPayoutView(p);
    });
  }

  async batches(): Promise<PayoutBatchView[]> {
    const rows = await this.sql.rows<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM payout_batch b ORDER BY b.created_at DESC LIMIT 100`,
    );
    return rows.map(toBatchView);
  }

  /** The bank file of a batch; downloading it is noted, and it can be downloaded again. */
  async batchFile(batchId: string): Promise<{ filename: string; csv: string }> {
    const batch = await this.sql.one(
      `UPDATE payout_batch SET downloaded_at = coalesce(downloaded_at, now()) WHERE id = $1 RETURNING id`,
      [batchId],
    );
    if (!batch) throw Problem.notFound('Payout batch', batchId);
    const lines = await this.sql.rows<BankTransferLine>(
      `SELECT p.id AS "payoutId", p.cooperative_id AS "cooperativeId", c.name AS "cooperativeName",
              p.account_holder AS "accountHolder", p.rib, p.amount::float8 AS amount
         FROM payout p JOIN cooperative c ON c.id = p.cooperative_id
        WHERE p.batch_id = $1 AND p.status <> 'failed' ORDER BY c.name, p.id`,
      [batchId],
    );
    return { filename: `souk-payouts-${batchId.slice(0, 8)}.csv`, csv: bankTransferCsv(batchId, lines) };
  }

  /** The admin says the bank made the transfers: the batch's pending payouts are paid. */
  async markBatchPaid(batchId: string, adminId: string): Promise<PayoutBatchView> {
    await this.sql.transaction(async (tx) => {
      const batch = await tx.one<{ status: string }>(
        `SELECT status FROM payout_batch WHERE id = $1 FOR UPDATE`,
        [batchId],
      );
      if (!batch) throw Problem.notFound('Payout batch', batchId);
      if (batch.status === 'paid') return;
      await tx.rows(`UPDATE payout_batch SET status = 'paid', paid_at = now(), paid_by = $2 WHERE id = $1`, [
        batchId,
        adminId,
      ]);
      const paid = await tx.rows<PayoutRow>(
        `UPDATE payout SET status = 'paid', paid_at = now(), updated_at = now()
          WHERE batch_id = $1 AND status = 'pending' RETURNING ${PAYOUT_COLUMNS}`,
        [batchId],
      );
      for (const p of paid) await this.event(tx, 'payout.paid', p);
    });
    const row = await this.sql.one<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM payout_batch b WHERE b.id = $1`, [
      batchId,
    ]);
    return toBatchView(row!);
  }

  /** Under one lock, so two runs never pay the same balance: payouts, their ledger debits, one bank batch. */
  private async create(tx: SqlTransaction): Promise<Omit<PayoutRunView, 'transferred' | 'failed'>> {
    await tx.rows(`SELECT pg_advisory_xact_lock(hashtext('souk:payout-run'))`);
    // A cooperative whose last payout failed waits until its payout account is changed.
    const due = await tx.rows<Due>(
      `SELECT l.cooperative_id, a.method, a.account_holder, a.rib, a.stripe_account_id,
              sum(l.amount) FILTER (WHERE ${AVAILABLE}) AS available
         FROM ledger_entry l JOIN cooperative_payout_account a ON a.cooperative_id = l.cooperative_id
        WHERE l.account = 'cooperative'
          AND NOT EXISTS (SELECT 1 FROM payout f WHERE f.cooperative_id = a.cooperative_id
                             AND f.status = 'failed' AND f.created_at > a.updated_at)
        GROUP BY l.cooperative_id, a.method, a.account_holder, a.rib, a.stripe_account_id
       HAVING sum(l.amount) FILTER (WHERE ${AVAILABLE}) >= $2
        ORDER BY l.cooperative_id`,
      [this.settings.payouts.holdDays, this.settings.payouts.minimumAmount],
    );
    if (due.length === 0) return { created: 0, total: { amount: 0, currency: 'MAD' }, batchId: null };
    const batchId = due.some((d) => d.method === 'bank_transfer')
      ? (await tx.one<{ id: string }>(`INSERT INTO payout_batch DEFAULT VALUES RETURNING id`))!.id
      : null;
    const payouts = await tx.rows<PayoutRow>(
      `INSERT INTO payout (cooperative_id, amount, method, status, account_holder, rib, stripe_account_id, batch_id)
       SELECT d.cooperative_id, d.available, d.method, 'pending', d.account_holder, d.rib, d.stripe_account_id,
              CASE WHEN d.method = 'bank_transfer' THEN $2::uuid END
         FROM jsonb_to_recordset($1::jsonb) AS d(cooperative_id uuid, available bigint, method text,
              account_holder text, rib text, stripe_account_id text)
       RETURNING ${PAYOUT_COLUMNS}`,
      [JSON.stringify(due), batchId],
    );
    await this.ledger.append(
      tx,
      payouts.map((p) => ({
        cooperativeId: p.cooperative_id,
        kind: 'payout' as const,
        amount: { amount: -Number(p.amount), currency: 'MAD' },
        payoutId: p.id,
        memo: p.method === 'stripe' ? 'Stripe transfer' : 'Bank transfer',
      })),
    );
    for (const p of payouts) await this.event(tx, 'payout.created', p);
    const total = payouts.reduce((s, p) => s + Number(p.amount), 0);
    this.log.log({ payouts: payouts.length, total, batchId }, 'payouts created');
    return { created: payouts.length, total: { amount: total, currency: 'MAD' }, batchId };
  }

  private async pendingTransfers(): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT id FROM payout WHERE status = 'pending' AND method = 'stripe' ORDER BY created_at LIMIT 500`,
    );
    return rows.map((r) => r.id);
  }

  private event(tx: SqlTransaction, type: string, p: PayoutRow, extra: Record<string, unknown> = {}) {
    return this.outbox.add(tx, {
      type,
      aggregateType: 'payout',
      aggregateId: p.id,
      payload: {
        payoutId: p.id,
        cooperativeId: p.cooperative_id,
        amount: { amount: Number(p.amount), currency: 'MAD' },
        method: p.method,
        ...extra,
      },
    });
  }
}
