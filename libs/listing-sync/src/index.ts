export * from './listing-sync.module';
export * from './listing-sync-worker.module';
export { ListingChannels, CHANNELS, queueNameOf } from './channels';
export type {
  ListingChannel,
  ListingDraft,
  DraftVariant,
  ChannelAccount,
  RemoteListing,
  CreateHooks,
} from './channels/listing-channel';
export {
  ChannelRateLimited,
  ChannelRefused,
  ChannelUnavailable,
  RemoteListingGone,
  retryAfterMs,
} from './channels/channel-http';
export { ANOU_CONTRACT_VERSION, anouListing } from './channels/anou.channel';
export { CredentialVault, channelCredentialsKey } from './credentials/credential-vault';
export { canonicalJson, hashOf, renderDraft } from './sync/listing-draft';
export { needsSync } from './sync/sync-planner';
export { LISTING_SYNC_EVENTS } from './sync/listing-sync.subscriber';
export { syncJobId, type SyncJobData } from './sync/sync-queues';
