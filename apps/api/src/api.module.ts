import { DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule } from '@souk/catalogue';
import { PlatformModule, type SoukConfig } from '@souk/platform';
import { StorefrontsModule } from '@souk/storefronts';
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
        ...(opts.withWorker ? [WorkerModule] : []),
      ],
    };
  }
}
