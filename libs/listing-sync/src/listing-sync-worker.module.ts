import { Module } from '@nestjs/common';
import { ListingSyncCoreModule } from './listing-sync-core.module';
import { ListingSyncSubscriber } from './sync/listing-sync.subscriber';
import { Reconciliation } from './sync/reconciliation';
import { SyncProcessor } from './sync/sync-processor';
import { SyncState } from './sync/sync-state';
import { SyncWorkers } from './sync/sync-workers';

/**
 * The worker side: takes product events from the outbox relay (OutboxRelayModule must be in the
 * worker too), runs one BullMQ worker per channel and the nightly reconciliation.
 */
@Module({
  imports: [ListingSyncCoreModule],
  providers: [ListingSyncSubscriber, SyncState, SyncProcessor, Reconciliation, SyncWorkers],
})
export class ListingSyncWorkerModule {}
