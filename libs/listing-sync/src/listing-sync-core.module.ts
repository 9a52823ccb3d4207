import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppQueues } from './board/app-queues';
import { CHANNELS, LISTING_CHANNELS, ListingChannels } from './channels';
import type { ListingChannel } from './channels/listing-channel';
import { CredentialVault } from './credentials/credential-vault';
import { ListingSnapshots } from './sync/listing-snapshots';
import { SyncMetrics } from './sync/sync-metrics';
import { SyncPlanner } from './sync/sync-planner';
import { SyncQueues } from './sync/sync-queues';

/**
 * What the API and the worker share: connectors, sealed credentials, the channel queues and their
 * metrics. Imported by both modules, so one instance of each per process.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    AppQueues,
    ...CHANNELS,
    { provide: LISTING_CHANNELS, useFactory: (...channels: ListingChannel[]) => channels, inject: CHANNELS },
    ListingChannels,
    CredentialVault,
    ListingSnapshots,
    SyncQueues,
    SyncMetrics,
    SyncPlanner,
  ],
  exports: [
    AppQueues,
    ListingChannels,
    CredentialVault,
    ListingSnapshots,
    SyncQueues,
    SyncMetrics,
    SyncPlanner,
  ],
})
export class ListingSyncCoreModule {}
