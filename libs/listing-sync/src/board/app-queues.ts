import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { SyncQueues } from '../sync/sync-queues';

/**
 * Every BullMQ queue of this application, for the board and the depth gauge: the channel queues,
 * and those other modules registered with @nestjs/bullmq (maintenance, webhooks…).
 */
@Injectable()
export class AppQueues {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly sync: SyncQueues,
  ) {}

  all(): Queue[] {
    const byName = new Map<string, Queue>(this.sync.all().map((q) => [q.name, q]));
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof Queue && !byName.has(instance.name)) byName.set(instance.name, instance);
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
