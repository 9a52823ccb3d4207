import { Module } from '@nestjs/common';
import { PaymentsCoreModule } from './payments-core.module';
import { PayoutBatchesController } from './payouts/payout-batches.controller';
import { PayoutsController } from './payouts/payouts.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * Payments over HTTP: the providers' webhooks and return pages, cooperatives' payouts and the
 * admins' bank batches. Exports PaymentsService and LedgerService (through the core module).
 */
@Module({
  imports: [PaymentsCoreModule],
  controllers: [WebhooksController, PayoutsController, PayoutBatchesController],
  exports: [PaymentsCoreModule],
})
export class PaymentsModule {}
