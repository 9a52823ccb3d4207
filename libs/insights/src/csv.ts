import { money, toMajorString } from '@souk/platform';
import type { BuyersMapView, SalesFiguresView, SalesInsightsView } from './sales/insight.view';

/**
 * CSV downloads of the insights (RFC 4180: CRLF, fields quoted when needed). Money is written in
 * dirhams with two decimals, as a spreadsheet expects; a field that a spreadsheet would read as a
 * formula is prefixed with an apostrophe.
 */
type Cell = string | number | null;

function field(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** 123456 minor units → "1234.56", exactly (no floating point). */
export const dirhams = (minor: number): string => toMajorString(money(minor, 'MAD'));

const SALES_HEADER = [
  'dimension',
  'key',
  'name',
  'revenue_mad',
  'orders',
  'average_order_value_mad',
  'share',
  'units',
  'buyers',
  'repeat_buyers',
  'repeat_buyer_rate',
  'reviews',
  'satisfaction',
];

const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

const salesCells = (f: SalesFiguresView, share: number | null): Cell[] => [
  dirhams(f.revenue.amount),
  f.orders,
  f.averageOrderValue ? dirhams(f.averageOrderValue.amount) : null,
  share,
  f.units,
  f.buyers,
  f.repeatBuyers,
  f.repeatBuyerRate,
  f.satisfaction.reviews,
  f.satisfaction.rate,
];

/** One table for the whole insight: a `dimension` column tells the total from each breakdown. */
export function salesCsv(view: SalesInsightsView): string {
  return toCsv(SALES_HEADER, [
    ['total', 'all', 'All', ...salesCells(view.totals, view.totals.orders > 0 ? 1 : null)],
    ...view.byCountry.map((c) => ['country', c.country, c.name, ...salesCells(c, c.share)]),
    ...view.byCraft.map((c) => ['craft', c.craft, c.craft, ...salesCells(c, c.share)]),
    ...view.byMonth.map((m) => [
      'month',
      m.month,
      m.month,
      ...salesCells(m, share(m.revenue.amount, view.totals.revenue.amount)),
    ]),
  ]);
}

export function buyersCsv(view: BuyersMapView): string {
  return toCsv(
    ['country', 'name', 'buyers', 'orders', 'revenue_mad', 'share'],
    view.countries.map((c) => [c.country, c.name, c.buyers, c.orders, dirhams(c.revenue.amount), c.share]),
  );
}
