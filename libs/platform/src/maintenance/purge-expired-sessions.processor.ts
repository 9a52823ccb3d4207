import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { Sql } from '../database/sql';

export const MAINTENANCE_QUEUE = 'maintenance';
export const PURGE_EXPIRED_SESSIONS = 'purge-expired-sessions';

/** Refresh tokens that can no longer be used are kept a day for audit, then deleted. */
@Processor(MAINTENANCE_QUEUE)
export class PurgeExpiredSessionsProcessor extends WorkerHost {
  private readonly log = new Logger(PurgeExpiredSessionsProcessor.name);

  constructor(private readonly sql: Sql) {
    super();
  }

  async process(job: Job): Promise<{ deleted: number }> {
    if (job.name !== PURGE_EXPIRED_SESSIONS) throw new Error(`unknown maintenance job ${job.name}`);
    const deleted = await this.sql.rows(
      `DELETE FROM refresh_token
        WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'
        RETURNING id`,
    );
    if (deleted.length > 0) this.log.log({ deleted: deleted.length }, 'purged expired sessions');
    return { deleted: deleted.length };
  }
}

/** Registers the hourly purge; upserting keeps one schedule however many workers start. */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PURGE_EXPIRED_SESSIONS,
      { every: 60 * 60 * 1000 },
      { name: PURGE_EXPIRED_SESSIONS },
    );
  }
}
