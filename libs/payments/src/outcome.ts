import type { SqlTransaction } from '@souk/platform';
import type { PaymentView } from './payment';

/** What the order side does when a payment settles; libs/orders provides it from a @Global module. */
export interface PaymentOutcomeHandler {
  /** Called once per payment, in the same transaction that records the provider-confirmed capture. */
  captured(tx: SqlTransaction, payment: PaymentView): Promise<void>;
  /** Called once when a payment fails or is voided for good. */
  failed(tx: SqlTransaction, payment: PaymentView): Promise<void>;
}

export const PAYMENT_OUTCOME_HANDLER = Symbol('PAYMENT_OUTCOME_HANDLER');
