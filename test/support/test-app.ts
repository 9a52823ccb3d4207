import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { SoukConfig } from '@souk/platform';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { loadNative } from './native';

type AppFactory = typeof import('../../apps/api/src/app');
type Platform = typeof import('@souk/platform');

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: SoukConfig;
  /** supertest against the running app */
  http(): ReturnType<typeof request>;
  /** direct access to this file's database, for arranging data and checking what was written */
  readonly db: Pool;
  close(): Promise<void>;
}

export interface TestAppOptions {
  withWorker?: boolean;
  env?: Record<string, string>;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.url, opts.env);
  const { createApiApp } = loadNative<AppFactory>('apps/api/src/app.ts');
  const app = await createApiApp(config, { withWorker: opts.withWorker ?? false });
  const db = new Pool({ connectionString: database.url, max: 4 });
  return {
    app,
    config,
    db,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await db.end();
      await database.drop();
      if (config.REDIS_URL) await deleteRedisKeys(config.REDIS_URL, config.QUEUE_PREFIX);
    },
  };
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): SoukConfig {
  const parsed = loadNative<Platform>('@souk/platform').readEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    DATABASE_POOL_SIZE: '5',
    // A queue namespace per test file, so files can share one Redis.
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...env,
  });
  return {
    ...parsed,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-123',
    WEBHOOK_SIGNING_KEY: parsed.WEBHOOK_SIGNING_KEY ?? 'test-webhook-signing-key-0123456789abcdef',
  };
}

/** This file's queues on a shared Redis: everything under its own prefix. */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
