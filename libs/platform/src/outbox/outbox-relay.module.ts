import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from './outbox-relay';

/**
 * The worker side of the outbox: the relay, which hands events to every provider marked
 * @OutboxSubscriber in the application. Import it once, in the worker.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
