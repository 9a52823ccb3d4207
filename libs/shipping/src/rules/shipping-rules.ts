import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '@souk/platform';
import type { RuleSet } from '../data/types';
import { RuleBook } from './rule-book';

const TTL_MS = 60_000;

/**
 * The rule sets in shipping_rule_set. The table is small and changes rarely, so it is read whole
 * and kept a minute: a quote reads no rules from the database.
 */
@Injectable()
export class ShippingRules {
  private readonly logger = new Logger(ShippingRules.name);
  private book: RuleBook | undefined;
  private loadedAt = 0;
  private loading: Promise<RuleBook> | undefined;

  constructor(private readonly sql: Sql) {}

  async current(): Promise<RuleBook> {
    if (this.book && Date.now() - this.loadedAt < TTL_MS) return this.book;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Forgets the cached rule sets, after rows were written. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async load(): Promise<RuleBook> {
    const rows = await this.sql.rows<RuleSet>(
      `SELECT version, kind, subject, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
              to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo", source, data
         FROM shipping_rule_set`,
    );
    const usable = rows.filter((r) => {
      const ok = r.data !== null && typeof r.data === 'object';
      if (!ok) this.logger.error(`shipping rule set ${r.version} has no data object; ignored`);
      return ok;
    });
    this.book = new RuleBook(usable);
    this.loadedAt = Date.now();
    return this.book;
  }
}
