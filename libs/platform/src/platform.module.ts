import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysService } from './auth/api-keys.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { TenancyService } from './auth/tenancy.service';
import { setAuthRateLimit } from './auth/throttle';
import { SoukConfigModule } from './config/config.module';
import type { SoukConfig } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { Sql } from './database/sql';
import { ProblemFilter } from './errors/problem.filter';
import { soukValidationPipe } from './errors/validation';
import { HealthController, RedisHealth } from './observability/health';
import { Metrics, MetricsController } from './observability/metrics';
import { ExchangeRates } from './money/exchange-rates';
import { Outbox } from './outbox/outbox';
import { QueuesModule } from './queues/queues.module';

/**
 * What every Souk process shares: configuration, database, queues, logs, identity.
 * HTTP concerns (guards, filters, health, metrics) only take effect in the API.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: SoukConfig): DynamicModule {
    setAuthRateLimit(config.AUTH_RATE_LIMIT_PER_MINUTE);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        SoukConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customProps: () => ({ service: 'souk' }),
          },
          // nestjs-pino logs no request under Fastify unless every path is named.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.DATABASE_URL),
          autoLoadEntities: true,
          migrationsRun: false,
          extra: {
            max: config.DATABASE_POOL_SIZE,
            // Random reads cost little more than sequential ones on SSDs; with PostgreSQL's default (4)
            // the planner scans the whole product table for broad text searches instead of using the GIN index.
            options: '-c random_page_cost=1.1',
          },
        }),
        JwtModule.register({
          secret: config.JWT_SECRET,
          signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }]),
        TerminusModule,
        QueuesModule.forRoot(config),
      ],
      controllers: [AuthController, ApiKeysController, HealthController, MetricsController],
      providers: [
        Sql,
        AuthService,
        ApiKeysService,
        TenancyService,
        Metrics,
        RedisHealth,
        ExchangeRates,
        Outbox,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: soukValidationPipe },
      ],
      exports: [Sql, AuthService, TenancyService, Metrics, ExchangeRates, Outbox],
    };
  }
}
