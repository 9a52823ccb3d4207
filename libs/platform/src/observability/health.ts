import { Controller, Get, Inject, Injectable, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '../queues/queue-backend';

@Injectable()
export class RedisHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis?: Redis,
  ) {}

  get configured(): boolean {
    return !!this.redis;
  }

  async check() {
    const indicator = this.indicators.check('redis');
    try {
      await this.redis!.ping();
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealth,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      ...(this.redis.configured ? [() => this.redis.check()] : []),
    ]);
  }
}
