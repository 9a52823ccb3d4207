import { Module } from '@nestjs/common';
import { QueueBoard } from './board/queue-board';
import { ChannelsController } from './connections/channels.controller';
import { ConnectionsService } from './connections/connections.service';
import { AdminFailuresController, CooperativeFailuresController } from './failures/failures.controller';
import { FailuresService } from './failures/failures.service';
import { AnouFeedService } from './feed/anou-feed.service';
import { ListingSyncCoreModule } from './listing-sync-core.module';
import { ListingsController } from './listings/listings.controller';
import { ListingsService } from './listings/listings.service';

/** The HTTP side: channels, listings, resyncs, dead letters, the Anou feed, the queue board. Sql, Outbox and TenancyService come from PlatformModule. */
@Module({
  imports: [ListingSyncCoreModule],
  controllers: [
    ChannelsController,
    ListingsController,
    CooperativeFailuresController,
    AdminFailuresController,
  ],
  providers: [ConnectionsService, ListingsService, FailuresService, AnouFeedService, QueueBoard],
})
export class ListingSyncModule {}
