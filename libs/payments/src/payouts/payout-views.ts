import type {
  LedgerEntryView,
  PayoutAccountView,
  PayoutBatchView,
  PayoutMethod,
  PayoutView,
} from './dto/payout.dto';

export interface PayoutRow {
  id: string;
  cooperative_id: string;
  amount: string;
  method: PayoutMethod;
  status: string;
  stripe_transfer_id: string | null;
  stripe_account_id: string | null;
  batch_id: string | null;
  last_error: string | null;
  created_at: Date;
  paid_at: Date | null;
}

export const PAYOUT_COLUMNS = `id, cooperative_id, amount, method, status, stripe_transfer_id, stripe_account_id,
  batch_id, last_error, created_at, paid_at`;

export const toPayoutView = (r: PayoutRow): PayoutView => ({
  id: r.id,
  cooperativeId: r.cooperative_id,
  amount: { amount: Number(r.amount), currency: 'MAD' },
  method: r.method,
  status: r.status,
  stripeTransferId: r.stripe_transfer_id,
  batchId: r.batch_id,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  paidAt: r.paid_at?.toISOString() ?? null,
});

export interface AccountRow {
  cooperative_id: string;
  method: PayoutMethod;
  account_holder: string;
  rib: string | null;
  bank_name: string | null;
  stripe_account_id: string | null;
  updated_at: Date;
}

export const toAccountView = (r: AccountRow): PayoutAccountView => ({
  cooperativeId: r.cooperative_id,
  method: r.method,
  accountHolder: r.account_holder,
  rib: r.rib ? `${'•'.repeat(20)}${r.rib.slice(-4)}` : null,
  bankName: r.bank_name,
  stripeAccountId: r.stripe_account_id,
  updatedAt: r.updated_at.toISOString(),
});

export interface EntryRow {
  id: string;
  kind: string;
  amount: string;
  order_id: string | null;
  sub_order_id: string | null;
  payout_id: string | null;
  memo: string | null;
  created_at: Date;
}

export const toEntryView = (r: EntryRow): LedgerEntryView => ({
  id: r.id,
  kind: r.kind,
  amount: { amount: Number(r.amount), currency: 'MAD' },
  orderId: r.order_id,
  subOrderId: r.sub_order_id,
  payoutId: r.payout_id,
  memo: r.memo,
  createdAt: r.created_at.toISOString(),
});

export interface BatchRow {
  id: string;
  status: string;
  payouts: number;
  total: string;
  created_at: Date;
  downloaded_at: Date | null;
  paid_at: Date | null;
}

export const toBatchView = (r: BatchRow): PayoutBatchView => ({
  id: r.id,
  status: r.status,
  payouts: r.payouts,
  total: { amount: Number(r.total), currency: 'MAD' },
  createdAt: r.created_at.toISOString(),
  downloadedAt: r.downloaded_at?.toISOString() ?? null,
  paidAt: r.paid_at?.toISOString() ?? null,
});
