import { DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule } from '@souk/catalogue';
import { PlatformModule, type SoukConfig } from '@souk/platform';
import { StorefrontsModule } from '@souk/storefronts';
import { WebhooksModule } from '@souk/webhooks';
import { ListingSyncModule } from '@souk/listing-sync';
import { PaymentsModule } from '@souk/payments';
import { ShippingModule } from '@souk/shipping';
import { OrdersModule } from '@souk/orders';
import { InsightsModule } from '@souk/insights';
import { WorkerModule } from '../../worker/src/worker.module';

@Module({})
export class ApiModule {
  /** The HTTP API; with `withWorker`, the BullMQ processors run in the same process. */
  static forRoot(config: SoukConfig, opts: { withWorker: boolean }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config),
        StorefrontsModule,
        CatalogueModule,
        WebhooksModule,
        ListingSyncModule,
        PaymentsModule,
        ShippingModule,
        OrdersModule,
        InsightsModule,
        ...(opts.withWorker ? [WorkerModule] : []),
      ],
    };
  }
}
