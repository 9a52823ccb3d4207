import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stands for "all cooperatives" in insight_sales, whose key columns are never null. */
const ALL_COOPERATIVES = '00000000-0000-0000-0000-000000000000';

/**
 * Export insights (libs/insights): paid sales pre-aggregated by month, destination country, craft,
 * the cooperative's region and the cooperative, refreshed by the worker (libs/insights, whose
 * insights.query.ts reads it).
 *
 * One row per cell and month. A cell is a combination of filters, each a value or '*' (all): the
 * marketplace's cells cross country × craft × region, a cooperative's cross country × craft.
 * Orders, money, units and reviews add up over months and countries; buyers do not. So each row
 * also carries, for every month a range could start at, the buyers of that month who are counted
 * there (their first order of the range) and the repeat buyers counted there (their second):
 * buyers_since[j + 1] is for a range starting j months before the row's month; past the end of
 * the array, the last value holds. A range's distinct buyers are then a sum over its months, exact
 * for any range and any filter, from one row per cell and month.
 *
 * How: each order gets, within its cell, the gaps in months to the same buyer's previous order
 * (gap1) and the one before (gap2). An order counts as a buyer of a range starting j months back
 * when gap1 > j (or it has no previous order), and as a repeat buyer when gap1 <= j < gap2 (its
 * previous order is in the range, the one before is not). Both are cumulative counts over gaps.
 */
export class Insights1764510000000 implements MigrationInterface {
  name = 'Insights1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE MATERIALIZED VIEW insight_sales AS
      WITH line AS (
        -- buyers and months as integers: the big sort below compares them
        SELECT o.id AS order_id,
               dense_rank() OVER (ORDER BY coalesce(o.user_id::text, lower(o.buyer_email)) COLLATE "C")::int AS buyer,
               (extract(year FROM o.paid_at AT TIME ZONE 'UTC') * 12
                + extract(month FROM o.paid_at AT TIME ZONE 'UTC') - 1)::int AS m,
               upper(o.shipping_address->>'country') AS country,
               s.cooperative_id, c.region, p.craft,
               ol.total_mad, ol.quantity,
               (r.id IS NOT NULL)::int AS reviews,
               coalesce(r.rating >= 4, false)::int AS positive
          FROM customer_order o
          JOIN sub_order s ON s.order_id = o.id
          JOIN order_line ol ON ol.sub_order_id = s.id
          JOIN product p ON p.id = ol.product_id
          JOIN cooperative c ON c.id = s.cooperative_id
          LEFT JOIN review r ON r.order_line_id = ol.id AND r.hidden_at IS NULL
         WHERE o.paid_at IS NOT NULL
           AND o.status IN ('paid', 'completed', 'partially_refunded')
           AND s.status <> 'cancelled'
      ), cell AS (
        SELECT order_id, buyer, m,
               CASE WHEN grouping(cooperative_id) = 0 THEN cooperative_id
                    ELSE '${ALL_COOPERATIVES}'::uuid END AS cooperative_id,
               CASE WHEN grouping(country) = 0 THEN country ELSE '*' END AS country,
               CASE WHEN grouping(craft) = 0 THEN craft ELSE '*' END AS craft,
               CASE WHEN grouping(region) = 0 THEN region ELSE '*' END AS region,
               sum(total_mad)::bigint AS goods_mad, sum(quantity)::int AS units,
               sum(reviews)::int AS reviews, sum(positive)::int AS positive
          FROM line
         GROUP BY order_id, buyer, m, GROUPING SETS (
                  (country, craft, region), (country, craft), (country, region), (country),
                  (craft, region), (craft), (region), (),
                  (cooperative_id, country, craft), (cooperative_id, country),
                  (cooperative_id, craft), (cooperative_id))
      ), sequenced AS (
        -- Orders of one month are interchangeable here: the gaps they get are the same either way.
        SELECT cooperative_id, country, craft, region, m, goods_mad, units, reviews, positive,
               m - lag(m, 1) OVER buyer_in_cell AS gap1, m - lag(m, 2) OVER buyer_in_cell AS gap2
          FROM cell
        WINDOW buyer_in_cell AS (PARTITION BY buyer, cooperative_id, country COLLATE "C", craft COLLATE "C",
                                              region COLLATE "C" ORDER BY m)
      ), fine AS (
        SELECT cooperative_id, country, craft, region, m, gap1, gap2, count(*)::int AS orders,
               sum(goods_mad)::bigint AS goods_mad, sum(units)::int AS units, sum(reviews)::int AS reviews,
               sum(positive)::int AS positive
          FROM sequenced
         GROUP BY cooperative_id, country, craft, region, m, gap1, gap2
      ), cells AS (
        SELECT cooperative_id, country, craft, region, m,
               sum(orders)::int AS orders, sum(goods_mad)::bigint AS goods_mad, sum(units)::int AS units,
               sum(reviews)::int AS reviews, sum(positive)::int AS positive,
               coalesce(max(greatest(gap1, gap2)), 0) AS horizon
          FROM fine
         GROUP BY cooperative_id, country, craft, region, m
      ), gaps AS (
        SELECT cooperative_id, country, craft, region, m, g, sum(d1)::int AS d1, sum(d2)::int AS d2
          FROM (SELECT cooperative_id, country, craft, region, m, gap1 AS g, orders AS d1, 0 AS d2
                  FROM fine WHERE gap1 IS NOT NULL
                UNION ALL
                SELECT cooperative_id, country, craft, region, m, gap2, 0, orders
                  FROM fine WHERE gap2 IS NOT NULL) x
         GROUP BY cooperative_id, country, craft, region, m, g
      ), cumulative AS (
        SELECT c.cooperative_id, c.country, c.craft, c.region, c.m, j.j,
               sum(coalesce(g.d1, 0)) OVER upto AS within1, sum(coalesce(g.d2, 0)) OVER upto AS within2
          FROM cells c
         CROSS JOIN LATERAL generate_series(0, c.horizon) AS j(j)
          LEFT JOIN gaps g ON g.cooperative_id = c.cooperative_id AND g.country = c.country AND g.craft = c.craft
                          AND g.region = c.region AND g.m = c.m AND g.g = j.j
        WINDOW upto AS (PARTITION BY c.cooperative_id, c.country, c.craft, c.region, c.m ORDER BY j.j)
      )
      SELECT c.cooperative_id, c.country, c.craft, c.region,
             make_date(c.m / 12, c.m % 12 + 1, 1) AS month, c.m AS month_index,
             c.orders, c.goods_mad, c.units, c.reviews, c.positive,
             array_agg((c.orders - w.within1)::int ORDER BY w.j) AS buyers_since,
             array_agg((w.within1 - w.within2)::int ORDER BY w.j) AS repeat_buyers_since
        FROM cells c
        JOIN cumulative w USING (cooperative_id, country, craft, region, m)
       GROUP BY c.cooperative_id, c.country, c.craft, c.region, c.m, c.orders, c.goods_mad, c.units, c.reviews,
                c.positive`);
    // Unique, so it can be refreshed CONCURRENTLY (readers are never blocked); it also serves
    // the totals, by-country and by-month reads. The second serves the by-craft read.
    await q.query(`
      CREATE UNIQUE INDEX insight_sales_key ON insight_sales (cooperative_id, craft, region, country, month)`);
    await q.query(`
      CREATE INDEX insight_sales_by_craft_idx ON insight_sales (cooperative_id, region, country, craft, month)`);

    // When insight_sales was last refreshed, and what that cost: answers carry it.
    await q.query(`
      CREATE TABLE insight_refresh (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        refreshed_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        reason text NOT NULL,
        refreshes bigint NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS insight_refresh`);
    await q.query(`DROP MATERIALIZED VIEW IF EXISTS insight_sales`);
  }
}
