import { Global, Module } from '@nestjs/common';
import { PAYMENT_OUTCOME_HANDLER, PaymentsCoreModule } from '@souk/payments';
import { OrderSettlement } from './order-settlement';
import { PaymentOutcomes } from './payment-outcomes';

/**
 * Orders' answer to the payments lib: PAYMENT_OUTCOME_HANDLER, global so that the payments lib
 * finds it in the API and in the worker (its webhooks and its reconciliation job both settle orders).
 */
@Global()
@Module({
  imports: [PaymentsCoreModule],
  providers: [
    OrderSettlement,
    PaymentOutcomes,
    { provide: PAYMENT_OUTCOME_HANDLER, useExisting: PaymentOutcomes },
  ],
  exports: [OrderSettlement, PAYMENT_OUTCOME_HANDLER],
})
export class OrderSettlementModule {}
