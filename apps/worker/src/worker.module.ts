import { DynamicModule, Module } from '@nestjs/common';
import { MaintenanceWorkerModule, OutboxRelayModule, PlatformModule, type SoukConfig } from '@souk/platform';
import { WebhooksWorkerModule } from '@souk/webhooks';
import { ListingSyncWorkerModule } from '@souk/listing-sync';
import { PaymentsWorkerModule } from '@souk/payments';
import { OrdersWorkerModule } from '@souk/orders';
import { InsightsWorkerModule } from '@souk/insights';

/** Every lib's processors; the API process imports this too when it runs as one process. */
@Module({
  imports: [
    MaintenanceWorkerModule,
    OutboxRelayModule,
    WebhooksWorkerModule,
    ListingSyncWorkerModule,
    PaymentsWorkerModule,
    OrdersWorkerModule,
    InsightsWorkerModule,
  ],
})
export class WorkerModule {}

/** The worker process on its own: the platform and the processors, no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: SoukConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [PlatformModule.forRoot(config), WorkerModule] };
  }
}
