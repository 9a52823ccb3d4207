import { Module } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { PAYMENTS_SETTINGS } from './config/payments-settings';
import { LedgerService } from './ledger/ledger.service';
import { PaymentTransitions } from './payment-transitions';
import { PaymentsService } from './payments.service';
import { PayoutAccountsService } from './payouts/payout-accounts.service';
import { PayoutsService } from './payouts/payouts.service';
import { PaymentProviders } from './providers/payment-providers';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { RefundsService } from './refunds.service';
import {
  PAYMENTS_RUNTIME,
  SimulatorCloser,
  startPaymentsRuntime,
  type PaymentsRuntime,
} from './simulator/simulator-host';
import { WebhooksService } from './webhooks/webhooks.service';

const services = [
  PaymentProviders,
  PaymentTransitions,
  RefundsService,
  PaymentsService,
  LedgerService,
  PayoutAccountsService,
  PayoutsService,
  WebhooksService,
  ReconciliationService,
];

/**
 * The payments' services, shared by the HTTP module and the worker module so that one process
 * builds them (and starts the simulator) once. Settings are resolved here, at start-up.
 */
@Module({
  providers: [
    {
      provide: PAYMENTS_RUNTIME,
      inject: [SOUK_CONFIG],
      useFactory: (config: SoukConfig) => startPaymentsRuntime(config),
    },
    {
      provide: PAYMENTS_SETTINGS,
      inject: [PAYMENTS_RUNTIME],
      useFactory: (r: PaymentsRuntime) => r.settings,
    },
    SimulatorCloser,
    ...services,
  ],
  exports: [PAYMENTS_RUNTIME, PAYMENTS_SETTINGS, ...services],
})
export class PaymentsCoreModule {}
