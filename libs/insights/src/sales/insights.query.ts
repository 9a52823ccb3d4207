import { Injectable } from '@nestjs/common';
import { Sql } from '@souk/platform';

/** insight_sales' stand-ins for "all" (its key columns are never null). */
export const ALL = '*';
export const ALL_COOPERATIVES = '00000000-0000-0000-0000-000000000000';

/** Which cells to read: the marketplace or one cooperative, a craft or all, a region or all, a month range. */
export interface Cell {
  cooperativeId: string;
  craft: string;
  region: string;
  /** First month included, YYYY-MM-01, or '-infinity'. */
  from: string;
  /** Last month included, YYYY-MM-01, or 'infinity'. */
  to: string;
  /** The first month as a month index (year × 12 + month − 1), null without a first month. */
  fromIndex: number | null;
}

export type Dimension = 'total' | 'country' | 'craft' | 'month';

export interface FigureRow {
  dimension: Dimension;
  key: string | null;
  orders: number;
  goods_mad: string;
  units: number;
  buyers: number;
  repeat_buyers: number;
  reviews: number;
  positive: number;
  refreshed_at: Date | null;
}

/*
 * Buyers without a row per buyer: each insight_sales row holds, for a range starting j months
 * before its month, the buyers first seen in the range at that month (buyers_since[j + 1]) and
 * the repeat buyers whose second order of the range is there (repeat_buyers_since[j + 1]); past
 * the array's end the last value holds, and a range with no first month uses that last value.
 * A range's figures are sums over its months (see migration 1764510000000-Insights). Per month,
 * the range is that month alone: j = 0.
 */
const since = (column: string, j: string) => `${column}[least(${j}, cardinality(${column}) - 1) + 1]`;
const FIGURES = (j: string) => `
  sum(s.orders)::int AS orders, sum(s.goods_mad)::bigint AS goods_mad, sum(s.units)::int AS units,
  sum(${since('s.buyers_since', j)})::int AS buyers,
  sum(${since('s.repeat_buyers_since', j)})::int AS repeat_buyers,
  sum(s.reviews)::int AS reviews, sum(s.positive)::int AS positive`;
/** j for a range starting at $6 (a month index), or past every array's end without one. */
const FROM_J = `coalesce(s.month_index - $6::int, 2147483646)`;

/**
 * The insights' read path: one statement over insight_sales (its unique key and its by-craft
 * index), reading one row per cell and month, whatever the filters. The worker keeps the view fresh (see InsightsRefresher).
 */
@Injectable()
export class InsightsQuery {
  constructor(private readonly sql: Sql) {}

  async cooperativeExists(id: string): Promise<boolean> {
    return Boolean(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [id]));
  }

  /** Totals and the breakdowns asked for, as rows tagged by dimension. */
  figures(cell: Cell, breakdowns: readonly Exclude<Dimension, 'total'>[]): Promise<FigureRow[]> {
    const scope = `s.cooperative_id = $1::uuid AND s.region = $3 AND s.month BETWEEN $4::date AND $5::date`;
    const parts = [
      `SELECT 'total' AS dimension, NULL::text AS key, ${FIGURES(FROM_J)},
              (SELECT refreshed_at FROM insight_refresh) AS refreshed_at
         FROM insight_sales s WHERE ${scope} AND s.craft = $2 AND s.country = '${ALL}'`,
    ];
    if (breakdowns.includes('country'))
      parts.push(`SELECT 'country', s.country, ${FIGURES(FROM_J)}, NULL
         FROM insight_sales s WHERE ${scope} AND s.craft = $2 AND s.country <> '${ALL}' GROUP BY s.country`);
    if (breakdowns.includes('craft'))
      parts.push(`SELECT 'craft', s.craft, ${FIGURES(FROM_J)}, NULL
         FROM insight_sales s WHERE ${scope} AND s.country = '${ALL}'
          AND ${cell.craft === ALL ? `s.craft <> '${ALL}'` : 's.craft = $2'} GROUP BY s.craft`);
    if (breakdowns.includes('month'))
      parts.push(`SELECT 'month', to_char(s.month, 'YYYY-MM'), ${FIGURES('0')}, NULL
         FROM insight_sales s WHERE ${scope} AND s.craft = $2 AND s.country = '${ALL}' GROUP BY s.month`);
    return this.sql.rows<FigureRow>(parts.join('\n       UNION ALL\n       '), [
      cell.cooperativeId,
      cell.craft,
      cell.region,
      cell.from,
      cell.to,
      cell.fromIndex,
    ]);
  }
}
