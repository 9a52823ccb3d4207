import { Injectable } from '@nestjs/common';
import { decodeCursor, type Page, Problem, Sql, toPage } from '@souk/platform';
import type { FailureView } from '../listings/dto/listing.dto';

interface FailureRow {
  id: string;
  listing_id: string;
  product_id: string;
  cooperative_id: string;
  channel: string;
  job_id: string;
  content_hash: string | null;
  error: string;
  attempts: number;
  failed_at: Date;
  failed_key: string;
}

export interface FailureFilters {
  cooperativeId?: string;
  channel?: string;
  cursor?: string;
  limit?: number;
}

/** The dead letters: syncs that gave up, newest first, for a cooperative or for the admins. */
@Injectable()
export class FailuresService {
  constructor(private readonly sql: Sql) {}

  async list(filters: FailureFilters): Promise<Page<FailureView>> {
    const limit = filters.limit ?? 20;
    const params: unknown[] = [];
    const $ = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (filters.cooperativeId) where.push(`cooperative_id = ${$(filters.cooperativeId)}::uuid`);
    if (filters.channel) where.push(`channel = ${$(filters.channel)}`);
    if (filters.cursor) {
      const [at, id] = decodeCursor(filters.cursor, 2);
      if (
        typeof at !== 'string' ||
        typeof id !== 'string' ||
        !/^[0-9a-f-]{36}$/.test(id) ||
        Number.isNaN(Date.parse(at))
      )
        throw Problem.field('cursor', 'is not a cursor this list gave out');
      where.push(`(failed_at, id) < (${$(at)}::timestamptz, ${$(id)}::uuid)`);
    }
    const rows = await this.sql.rows<FailureRow>(
      `SELECT *, to_char(failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS failed_key
         FROM listing_sync_failure
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY failed_at DESC, id DESC
        LIMIT ${$(limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.failed_key, r.id],
      (r) => ({
        id: r.id,
        listingId: r.listing_id,
        productId: r.product_id,
        cooperativeId: r.cooperative_id,
        channel: r.channel,
        jobId: r.job_id,
        contentHash: r.content_hash,
        error: r.error,
        attempts: r.attempts,
        failedAt: r.failed_at.toISOString(),
      }),
    );
  }
}
