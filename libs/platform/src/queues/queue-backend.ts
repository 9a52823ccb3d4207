import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { SoukConfig } from '../config/env';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/**
 * BullMQ runs on Redis when REDIS_URL is set, and otherwise on its PostgreSQL backend in
 * the application's own database (schema `bullmq`), so a new user needs no Redis.
 * The backend is process-wide: call this before Nest builds any queue or worker.
 */
export function configureQueueBackend(config: Pick<SoukConfig, 'REDIS_URL'>): void {
  setDefaultBackendFactory(config.REDIS_URL ? undefined : createPostgresBackend);
}

export function redisOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's workers block on Redis; they must not give up on a slow command.
    maxRetriesPerRequest: null,
  };
}

/** The connection BullMQ is given: Redis options, or the PostgreSQL backend's (migrating its schema). */
export function queueConnection(config: Pick<SoukConfig, 'REDIS_URL' | 'DATABASE_URL'>): object {
  return config.REDIS_URL
    ? redisOptions(config.REDIS_URL)
    : { connectionString: config.DATABASE_URL, migrate: true, max: 10 };
}
