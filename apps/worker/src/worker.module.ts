import { DynamicModule, Module } from '@nestjs/common';
import { MaintenanceWorkerModule, PlatformModule, type SoukConfig } from '@souk/platform';

/** Every lib's processors; the API process imports this too when it runs as one process. */
@Module({ imports: [MaintenanceWorkerModule] })
export class WorkerModule {}

/** The worker process on its own: the platform and the processors, no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: SoukConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [PlatformModule.forRoot(config), WorkerModule] };
  }
}
