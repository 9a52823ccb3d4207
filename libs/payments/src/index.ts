// The contract with libs/orders: types, the outcome handler token, PaymentsService and LedgerService.
export * from './payment';
export * from './outcome';
export { PaymentsService } from './payments.service';
export {
  LedgerService,
  LEDGER_KINDS,
  type LedgerKind,
  type LedgerEntryInput,
  type Balance,
} from './ledger/ledger.service';
export { PaymentsModule } from './payments.module';
/** The services without routes, for libs that call PaymentsService and LedgerService. */
export { PaymentsCoreModule } from './payments-core.module';
export { PaymentsWorkerModule } from './payments-worker.module';
export { PAYMENTS_QUEUE, RECONCILE_PAYMENTS, RUN_PAYOUTS } from './reconciliation/payments.processor';

// For the worker, admins' tooling and tests.
export { PayoutsService } from './payouts/payouts.service';
export { ReconciliationService } from './reconciliation/reconciliation.service';
export { RefundsService, refundKey } from './refunds.service';
export {
  resolvePaymentsSettings,
  PAYMENTS_SETTINGS,
  SIMULATOR_CREDENTIALS,
  type PaymentsSettings,
} from './config/payments-settings';
export { PAYMENTS_RUNTIME, type PaymentsRuntime } from './simulator/simulator-host';
export {
  GatewaySimulator,
  type GatewaySimulatorOptions,
  type SimFault,
  type Delivery,
} from './simulator/gateway-simulator';
export {
  cmiHash,
  cmiHashMatches,
  cmiHashPlaintext,
  cmiEscape,
  naturalCaseCompare,
} from './providers/cmi-hash';
export { isValidRib, ribKey } from './payouts/rib';
export { bankTransferCsv } from './payouts/bank-transfer-file';
export { advance, paidStatus, isFinal, isPaid } from './payment-states';
