import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import { givenExportWorld, refreshInsights, type ExportWorld } from '../support/insights-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
let world: ExportWorld;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
  world = await givenExportWorld(t);
  await refreshInsights(t);
});
afterAll(async () => {
  await t?.close();
});

const mad = (amount: number) => ({ amount, currency: 'MAD' });
const get = (path: string, query: Record<string, string> = {}) =>
  t.http().get(path).query(query).set('authorization', admin.auth);
const period = { from: '2026-01', to: '2026-03' };

/** Figures as the API writes them; see givenExportWorld for the orders behind each number. */
function figures(
  revenue: number,
  orders: number,
  units: number,
  buyers: number,
  repeatBuyers: number,
  reviews: [number, number],
) {
  return {
    revenue: mad(revenue),
    orders,
    averageOrderValue: orders ? mad(Math.round(revenue / orders)) : null,
    units,
    buyers,
    repeatBuyers,
    repeatBuyerRate: buyers ? Math.round((repeatBuyers / buyers) * 10_000) / 10_000 : null,
    satisfaction: {
      reviews: reviews[0],
      positive: reviews[1],
      rate: reviews[0] ? reviews[1] / reviews[0] : null,
    },
  };
}

describe('the marketplace export insights', () => {
  it('equal the figures computed by hand for January to March 2026', async () => {
    const res = await get('/v1/insights/exports', period).expect(200);

    expect(res.body).toEqual({
      cooperativeId: null,
      period: { from: '2026-01', to: '2026-03' },
      filters: { craft: null, region: null },
      // O1 1900 + O4 1500 + O2 200 + O3 800 + O5 600; b1 ordered twice; one of two visible reviews is 4★+
      totals: { ...figures(500000, 5, 9, 4, 1, [2, 1]), markets: 3 },
      byCountry: [
        { country: 'US', name: 'United States', ...figures(290000, 3, 5, 2, 1, [1, 1]), share: 0.58 },
        { country: 'FR', name: 'France', ...figures(150000, 1, 1, 1, 0, [1, 0]), share: 0.3 },
        { country: 'ES', name: 'Spain', ...figures(60000, 1, 3, 1, 0, [0, 0]), share: 0.12 },
      ],
      byCraft: [
        { craft: 'carpet', ...figures(300000, 2, 2, 2, 0, [1, 0]), share: 0.6 },
        { craft: 'pottery', ...figures(120000, 3, 6, 2, 1, [1, 1]), share: 0.24 },
        { craft: 'leather', ...figures(80000, 1, 1, 1, 0, [0, 0]), share: 0.16 },
      ],
      byMonth: [
        // b1 bought in December too: still one buyer of January, and not a repeat buyer of it
        { month: '2026-01', ...figures(340000, 2, 4, 2, 0, [2, 1]) },
        { month: '2026-02', ...figures(100000, 2, 2, 2, 0, [0, 0]) },
        { month: '2026-03', ...figures(60000, 1, 3, 1, 0, [0, 0]) },
      ],
      refreshedAt: expect.any(String),
    });
    expect(res.body.byCountry[0].averageOrderValue).toEqual(mad(96667)); // 2900 / 3, rounded half up
  });

  it('cover every sale when no period is given, counting each buyer once', async () => {
    const res = await get('/v1/insights/exports').expect(200);
    expect(res.body.period).toEqual({ from: null, to: null });
    expect(res.body.totals).toEqual({ ...figures(520000, 6, 10, 4, 1, [2, 1]), markets: 3 });
    expect(res.body.byMonth.map((m: { month: string; orders: number }) => [m.month, m.orders])).toEqual([
      ['2025-12', 1],
      ['2026-01', 2],
      ['2026-02', 2],
      ['2026-03', 1],
    ]);
  });

  it('list every month of the period, months without sales included', async () => {
    const res = await get('/v1/insights/exports', { from: '2025-11', to: '2026-04' }).expect(200);
    expect(res.body.byMonth.map((m: { month: string; orders: number }) => [m.month, m.orders])).toEqual([
      ['2025-11', 0],
      ['2025-12', 1],
      ['2026-01', 2],
      ['2026-02', 2],
      ['2026-03', 1],
      ['2026-04', 0],
    ]);
    expect(res.body.byMonth[0]).toEqual({ month: '2025-11', ...figures(0, 0, 0, 0, 0, [0, 0]) });
  });

  it('narrow to a craft: orders holding it, its lines only', async () => {
    const res = await get('/v1/insights/exports', { ...period, craft: 'carpet' }).expect(200);
    expect(res.body.filters).toEqual({ craft: 'carpet', region: null });
    expect(res.body.totals).toEqual({ ...figures(300000, 2, 2, 2, 0, [1, 0]), markets: 2 });
    // Equal revenue and orders: by country code.
    expect(res.body.byCountry.map((c: any) => [c.country, c.revenue.amount, c.share])).toEqual([
      ['FR', 150000, 0.5],
      ['US', 150000, 0.5],
    ]);
    expect(res.body.byCraft.map((c: any) => c.craft)).toEqual(['carpet']);
  });

  it("narrow to the selling cooperatives' region", async () => {
    const south = await get('/v1/insights/exports', { ...period, region: 'marrakech-safi' }).expect(200);
    expect(south.body.totals).toEqual({ ...figures(380000, 3, 3, 3, 0, [1, 0]), markets: 2 });
    expect(south.body.byCraft.map((c: any) => [c.craft, c.revenue.amount])).toEqual([
      ['carpet', 300000],
      ['leather', 80000],
    ]);
    const fes = await get('/v1/insights/exports', {
      ...period,
      region: 'fes-meknes',
      craft: 'pottery',
    }).expect(200);
    expect(fes.body.totals).toEqual({ ...figures(120000, 3, 6, 2, 1, [1, 1]), markets: 2 });
    const none = await get('/v1/insights/exports', {
      ...period,
      region: 'fes-meknes',
      craft: 'carpet',
    }).expect(200);
    expect(none.body.totals).toEqual({ ...figures(0, 0, 0, 0, 0, [0, 0]), markets: 0 });
  });

  it('download as CSV with Accept: text/csv, one row per total, country, craft and month', async () => {
    const res = await get('/v1/insights/exports', period).set('accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="insights-exports-2026-01_2026-03.csv"',
    );
    expect(res.text.split('\r\n')).toEqual([
      'dimension,key,name,revenue_mad,orders,average_order_value_mad,share,units,buyers,repeat_buyers,repeat_buyer_rate,reviews,satisfaction',
      'total,all,All,5000.00,5,1000.00,1,9,4,1,0.25,2,0.5',
      'country,US,United States,2900.00,3,966.67,0.58,5,2,1,0.5,1,1',
      'country,FR,France,1500.00,1,1500.00,0.3,1,1,0,0,1,0',
      'country,ES,Spain,600.00,1,600.00,0.12,3,1,0,0,0,',
      'craft,carpet,carpet,3000.00,2,1500.00,0.6,2,2,0,0,1,0',
      'craft,pottery,pottery,1200.00,3,400.00,0.24,6,2,1,0.5,1,1',
      'craft,leather,leather,800.00,1,800.00,0.16,1,1,0,0,0,',
      'month,2026-01,2026-01,3400.00,2,1700.00,0.68,4,2,0,0,2,0.5',
      'month,2026-02,2026-02,1000.00,2,500.00,0.2,2,2,0,0,0,',
      'month,2026-03,2026-03,600.00,1,600.00,0.12,3,1,0,0,0,',
      '',
    ]);
  });
});

describe('the buyer map', () => {
  it('gives buyers, orders and revenue per country, ISO-coded and named, and the markets reached', async () => {
    const res = await get('/v1/insights/buyers', period).expect(200);
    expect(res.body).toEqual({
      period: { from: '2026-01', to: '2026-03' },
      filters: { craft: null, region: null },
      markets: 3,
      totals: { buyers: 4, orders: 5, revenue: mad(500000) },
      countries: [
        { country: 'US', name: 'United States', buyers: 2, orders: 3, revenue: mad(290000), share: 0.58 },
        { country: 'FR', name: 'France', buyers: 1, orders: 1, revenue: mad(150000), share: 0.3 },
        { country: 'ES', name: 'Spain', buyers: 1, orders: 1, revenue: mad(60000), share: 0.12 },
      ],
      refreshedAt: expect.any(String),
    });
  });

  it('names countries in French or Arabic on request, and downloads as CSV', async () => {
    const fr = await get('/v1/insights/buyers', { ...period, locale: 'fr' }).expect(200);
    expect(fr.body.countries.map((c: any) => c.name)).toEqual(['États-Unis', 'France', 'Espagne']);
    const csv = await get('/v1/insights/buyers', { ...period, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe(
      'country,name,buyers,orders,revenue_mad,share\r\nUS,United States,2,3,2900.00,0.58\r\nFR,France,1,1,1500.00,0.3\r\nES,Spain,1,1,600.00,0.12\r\n',
    );
  });
});

describe("a cooperative's own insights", () => {
  it('count only its sub-orders: its goods, its buyers, its reviews', async () => {
    const a = await get(`/v1/cooperatives/${world.a.id}/insights`, period).expect(200);
    expect(a.body).toMatchObject({
      cooperativeId: world.a.id,
      filters: { craft: null },
      totals: { ...figures(120000, 3, 6, 2, 1, [1, 1]), markets: 2 },
      byCountry: [
        { country: 'US', ...figures(60000, 2, 3, 1, 1, [1, 1]), share: 0.5 },
        { country: 'ES', ...figures(60000, 1, 3, 1, 0, [0, 0]), share: 0.5 },
      ],
      byCraft: [{ craft: 'pottery', share: 1 }],
    });
    const b = await get(`/v1/cooperatives/${world.b.id}/insights`, { ...period, craft: 'leather' }).expect(
      200,
    );
    expect(b.body.totals).toEqual({ ...figures(80000, 1, 1, 1, 0, [0, 0]), markets: 1 });
    const csv = await get(`/v1/cooperatives/${world.b.id}/insights`, period)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.text.split('\r\n')[1]).toBe('total,all,All,3800.00,3,1266.67,1,3,3,0,0,1,0');
  });
});

describe('freshness', () => {
  it('serves the figures of the last refresh until the next one', async () => {
    const before = await get('/v1/insights/exports', period).expect(200);
    await t.db.query(`UPDATE customer_order SET status = 'refunded' WHERE id = $1`, [world.orders.o5.id]);
    const stale = await get('/v1/insights/exports', period).expect(200);
    expect(stale.body.totals.orders).toBe(5);
    await refreshInsights(t);
    const fresh = await get('/v1/insights/exports', period).expect(200);
    expect(fresh.body.totals.orders).toBe(4);
    expect(fresh.body.totals.revenue).toEqual(mad(440000));
    expect(Date.parse(fresh.body.refreshedAt)).toBeGreaterThan(Date.parse(before.body.refreshedAt));
  });
});
