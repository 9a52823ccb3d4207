import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';

export interface RefreshOutcome {
  refreshedAt: Date;
  durationMs: number;
}

/**
 * Recomputes insight_sales from the orders and reviews. CONCURRENTLY, so readers keep the
 * previous figures until the new ones commit and are never blocked. Two refreshes at once queue
 * on the view's lock; the second still sees everything the first did, and more.
 */
@Injectable()
export class InsightsRefresher {
  private readonly log = new Logger(InsightsRefresher.name);

  constructor(private readonly sql: Sql) {}

  async refresh(reason: string): Promise<RefreshOutcome> {
    const started = Date.now();
    const refreshedAt = await this.sql.transaction(async (tx) => {
      // One large sort and aggregate: in memory rather than on disk, and not worth compiling.
      await tx.rows(`SET LOCAL work_mem = '128MB'`);
      await tx.rows(`SET LOCAL jit = off`);
      await tx.rows(`REFRESH MATERIALIZED VIEW CONCURRENTLY insight_sales`);
      const row = await tx.one<{ refreshed_at: Date }>(
        `INSERT INTO insight_refresh (refreshed_at, duration_ms, reason)
         VALUES (now(), $1, $2)
         ON CONFLICT (id) DO UPDATE
           SET refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms,
               reason = excluded.reason, refreshes = insight_refresh.refreshes + 1
         RETURNING refreshed_at`,
        [Date.now() - started, reason],
      );
      return row!.refreshed_at;
    });
    // Marks the pages all-visible, so the reads stay index-only scans.
    await this.sql.rows(`VACUUM (ANALYZE) insight_sales`);
    const durationMs = Date.now() - started;
    this.log.log({ reason, durationMs }, 'insights refreshed');
    return { refreshedAt, durationMs };
  }
}
