import type { Money } from '@souk/platform';
import type { PaymentProviderCode, PaymentStatus, PaymentView } from './payment';
import type { ProviderPayment } from './providers/payment-provider';

/** A payment as read from its table (bigints come back as strings from pg). */
export interface PaymentRow {
  id: string;
  order_id: string;
  reference: string;
  provider: PaymentProviderCode;
  status: PaymentStatus;
  amount: string;
  currency: string;
  amount_mad: string;
  rate_mad_per_unit: string;
  rate_date: string;
  rate_source: string;
  buyer: { email: string; name: string; locale: 'fr' | 'en' | 'ar' };
  return_url: string | null;
  shares: { cooperativeId: string; amountMad: Money }[];
  session: Record<string, unknown> | null;
  provider_ref: string | null;
  simulated: boolean;
  captured_amount: string;
  refunded_amount: string;
  outcome: 'captured' | 'failed' | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

export const PAYMENT_COLUMNS = `id, order_id, reference, provider, status, amount, currency::text AS currency,
  amount_mad, rate_mad_per_unit::text AS rate_mad_per_unit, to_char(rate_date, 'YYYY-MM-DD') AS rate_date,
  rate_source, buyer, return_url, shares, session, provider_ref, simulated, captured_amount,
  refunded_amount, outcome, last_error, created_at, updated_at`;

export function toPaymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    orderId: row.order_id,
    provider: row.provider,
    status: row.status,
    amount: { amount: Number(row.amount), currency: row.currency },
    amountMad: { amount: Number(row.amount_mad), currency: 'MAD' },
    session: row.session,
  };
}

/** What an adapter needs; the URLs are ours, built from the public URL. */
export function toProviderPayment(row: PaymentRow, publicUrl: string): ProviderPayment {
  return {
    id: row.id,
    reference: row.reference,
    amount: { amount: Number(row.amount), currency: row.currency },
    providerRef: row.provider_ref,
    buyer: row.buyer,
    returnUrl: `${publicUrl}/v1/payments/${row.id}/return`,
    notificationUrl: `${publicUrl}/v1/payments/webhooks/${row.provider}`,
    session: row.session,
  };
}
