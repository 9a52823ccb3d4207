import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, OnApplicationShutdown, Inject, Optional } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { SoukConfig } from '../config/env';
import { queueConnection, REDIS_CONNECTION, redisOptions } from './queue-backend';

class RedisCloser implements OnApplicationShutdown {
  constructor(@Optional() @Inject(REDIS_CONNECTION) private readonly redis?: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

/** BullMQ on the configured backend; the caller must have run configureQueueBackend first. */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(config: SoukConfig): DynamicModule {
    const redis = config.REDIS_URL
      ? [
          {
            provide: REDIS_CONNECTION,
            useFactory: () =>
              new Redis({ ...redisOptions(config.REDIS_URL!), lazyConnect: true, maxRetriesPerRequest: 1 }),
          },
          RedisCloser,
        ]
      : [];
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRoot({
          // The Redis typings do not know the PostgreSQL backend's options; both are accepted at run time.
          connection: queueConnection(config) as never,
          prefix: config.QUEUE_PREFIX,
        }),
      ],
      providers: redis,
      exports: [BullModule, ...(config.REDIS_URL ? [REDIS_CONNECTION] : [])],
    };
  }
}
