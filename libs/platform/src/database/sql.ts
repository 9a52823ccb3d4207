import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** Plain SQL with rows back, the same way inside and outside a transaction. */
export interface SqlRunner {
  rows<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  one<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T | undefined>;
}

export interface SqlTransaction extends SqlRunner {
  /** The TypeORM manager bound to the same connection, for repository work in the transaction. */
  readonly manager: EntityManager;
}

/**
 * Hot paths and multi-row writes speak SQL directly: one statement, no ORM hydration.
 * Outside a transaction it goes straight to the pg pool TypeORM already holds.
 */
@Injectable()
export class Sql implements SqlRunner {
  private readonly pool: Pool;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async rows<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  async one<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const rows = async <R>(text: string, params: unknown[] = []): Promise<R[]> =>
        (await manager.queryRunner!.query(text, params, true)).records as R[];
      return work({ manager, rows, one: async (text, params) => (await rows(text, params))[0] as any });
    });
  }
}
