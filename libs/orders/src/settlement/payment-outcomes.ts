import { Injectable } from '@nestjs/common';
import type { SqlTransaction } from '@souk/platform';
import type { PaymentOutcomeHandler, PaymentView } from '@souk/payments';
import { OrderSettlement } from './order-settlement';

/** The payments lib tells orders how a payment ended, inside the transaction that records it. */
@Injectable()
export class PaymentOutcomes implements PaymentOutcomeHandler {
  constructor(private readonly settlement: OrderSettlement) {}

  captured(tx: SqlTransaction, payment: PaymentView): Promise<void> {
    return this.settlement.paid(tx, payment.orderId, { id: payment.id, amountMad: payment.amountMad.amount });
  }

  async failed(tx: SqlTransaction, payment: PaymentView): Promise<void> {
    await this.settlement.cancelUnpaid(
      tx,
      payment.orderId,
      { kind: 'payment', id: payment.id },
      `payment ${payment.status}`,
    );
  }
}
