import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { PaymentsCoreModule } from './payments-core.module';
import { PAYMENTS_QUEUE, PaymentsProcessor, PaymentsSchedule } from './reconciliation/payments.processor';

/** The payments' background work: reconciliation every minute, payouts on their schedule. */
@Module({
  imports: [PaymentsCoreModule, BullModule.registerQueue({ name: PAYMENTS_QUEUE })],
  providers: [PaymentsProcessor, PaymentsSchedule],
})
export class PaymentsWorkerModule {}
