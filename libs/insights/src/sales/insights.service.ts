import { Injectable } from '@nestjs/common';
import type { Craft } from '@souk/catalogue';
import { Problem, TenancyService, type Principal } from '@souk/platform';
import { countryName, type NameLocale } from '../countries';
import { ALL, ALL_COOPERATIVES, InsightsQuery, type Cell, type FigureRow } from './insights.query';
import type {
  BuyersMapView,
  CountrySalesView,
  CraftSalesView,
  FiltersView,
  MadView,
  MonthSalesView,
  PeriodView,
  SalesFiguresView,
  SalesInsightsView,
} from './insight.view';

export interface InsightFilters {
  from?: string;
  to?: string;
  craft?: Craft;
  region?: string;
  locale?: NameLocale;
}

/** A month range longer than this is refused (the month breakdown lists every month). */
const MAX_MONTHS = 240;

const mad = (amount: number): MadView => ({ amount, currency: 'MAD' });
/** Ratios as numbers with four decimals: 0.4412 is 44.12 %. */
const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
/** Half up, on integers: an average in minor units never carries a fraction. */
const divideRounded = (amount: number, by: number): number => Math.floor((2 * amount + by) / (2 * by));

function figures(row: FigureRow | undefined): SalesFiguresView {
  const orders = Number(row?.orders ?? 0);
  const revenue = Number(row?.goods_mad ?? 0);
  const buyers = Number(row?.buyers ?? 0);
  const repeatBuyers = Number(row?.repeat_buyers ?? 0);
  const reviews = Number(row?.reviews ?? 0);
  const positive = Number(row?.positive ?? 0);
  return {
    revenue: mad(revenue),
    orders,
    averageOrderValue: orders > 0 ? mad(divideRounded(revenue, orders)) : null,
    units: Number(row?.units ?? 0),
    buyers,
    repeatBuyers,
    repeatBuyerRate: ratio(repeatBuyers, buyers),
    satisfaction: { reviews, positive, rate: ratio(positive, reviews) },
  };
}

/** Largest revenue first; ties by more orders, then by key, so the order never depends on the plan. */
const byRevenue =
  <T extends SalesFiguresView>(key: (row: T) => string) =>
  (a: T, b: T) =>
    b.revenue.amount - a.revenue.amount || b.orders - a.orders || key(a).localeCompare(key(b));

/** Turns insight_sales rows into the answers: shares, averages, rates, every month of the period. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly query: InsightsQuery,
    private readonly tenancy: TenancyService,
  ) {}

  /** A cooperative's own figures: its members, admins, and its own keys with insights:read. */
  async cooperativeSales(
    principal: Principal,
    cooperativeId: string,
    filters: InsightFilters,
  ): Promise<SalesInsightsView> {
    if (!(await this.query.cooperativeExists(cooperativeId)))
      throw Problem.notFound('Cooperative', cooperativeId);
    await this.tenancy.assertCanManage(principal, cooperativeId, { scope: 'insights:read' });
    return this.sales(filters, cooperativeId);
  }

  /** The whole marketplace (cooperativeId undefined) or one cooperative. */
  async sales(filters: InsightFilters, cooperativeId?: string): Promise<SalesInsightsView> {
    const cell = this.cell(filters, cooperativeId);
    const rows = await this.query.figures(cell, ['country', 'craft', 'month']);
    const total = rows.find((r) => r.dimension === 'total');
    const totals = figures(total);
    const whole = totals.revenue.amount;
    const locale = filters.locale ?? 'en';

    const byCountry: CountrySalesView[] = rows
      .filter((r) => r.dimension === 'country')
      .map((r) => {
        const f = figures(r);
        return {
          country: r.key!,
          name: countryName(r.key!, locale),
          ...f,
          share: ratio(f.revenue.amount, whole) ?? 0,
        };
      })
      .sort(byRevenue((c) => c.country));
    const byCraft: CraftSalesView[] = rows
      .filter((r) => r.dimension === 'craft')
      .map((r) => {
        const f = figures(r);
        return { craft: r.key as Craft, ...f, share: ratio(f.revenue.amount, whole) ?? 0 };
      })
      .sort(byRevenue((c) => c.craft));
    const months = new Map(rows.filter((r) => r.dimension === 'month').map((r) => [r.key!, r]));
    const byMonth: MonthSalesView[] = this.monthsOf(filters, [...months.keys()]).map((month) => ({
      month,
      ...figures(months.get(month)),
    }));

    return {
      cooperativeId: cooperativeId ?? null,
      period: this.period(filters),
      filters: this.filtersOf(filters, cooperativeId),
      totals: { ...totals, markets: byCountry.filter((c) => c.orders > 0).length },
      byCountry,
      byCraft,
      byMonth,
      refreshedAt: total?.refreshed_at?.toISOString() ?? null,
    };
  }

  /** Buyers, orders and revenue per destination country, for the marketplace. */
  async buyers(filters: InsightFilters): Promise<BuyersMapView> {
    const rows = await this.query.figures(this.cell(filters), ['country']);
    const total = rows.find((r) => r.dimension === 'total');
    const totals = figures(total);
    const locale = filters.locale ?? 'en';
    const countries = rows
      .filter((r) => r.dimension === 'country')
      .map((r) => {
        const f = figures(r);
        return {
          country: r.key!,
          name: countryName(r.key!, locale),
          buyers: f.buyers,
          orders: f.orders,
          revenue: f.revenue,
          share: ratio(f.revenue.amount, totals.revenue.amount) ?? 0,
        };
      })
      .sort(
        (a, b) =>
          b.buyers - a.buyers || b.revenue.amount - a.revenue.amount || a.country.localeCompare(b.country),
      );
    return {
      period: this.period(filters),
      filters: this.filtersOf(filters),
      markets: countries.filter((c) => c.orders > 0).length,
      totals: { buyers: totals.buyers, orders: totals.orders, revenue: totals.revenue },
      countries,
      refreshedAt: total?.refreshed_at?.toISOString() ?? null,
    };
  }

  private cell(filters: InsightFilters, cooperativeId?: string): Cell {
    if (filters.from && filters.to && filters.from > filters.to)
      throw Problem.field('to', 'must not be before from');
    if (filters.from && filters.to && monthIndex(filters.to) - monthIndex(filters.from) >= MAX_MONTHS)
      throw Problem.field('to', `must be at most ${MAX_MONTHS} months after from`);
    return {
      cooperativeId: cooperativeId ?? ALL_COOPERATIVES,
      craft: filters.craft ?? ALL,
      // A cooperative is in one region: its cells are not split by region.
      region: cooperativeId ? ALL : (filters.region ?? ALL),
      from: filters.from ? `${filters.from}-01` : '-infinity',
      to: filters.to ? `${filters.to}-01` : 'infinity',
      fromIndex: filters.from ? monthIndex(filters.from) : null,
    };
  }

  private period(filters: InsightFilters): PeriodView {
    return { from: filters.from ?? null, to: filters.to ?? null };
  }

  private filtersOf(filters: InsightFilters, cooperativeId?: string): FiltersView {
    return cooperativeId
      ? { craft: filters.craft ?? null }
      : { craft: filters.craft ?? null, region: filters.region ?? null };
  }

  /** Every month from `from` (or the first sale) to `to` (or the last sale), so charts have no gaps. */
  private monthsOf(filters: InsightFilters, withSales: string[]): string[] {
    const sorted = [...withSales].sort();
    const first = filters.from ?? sorted[0];
    const last = filters.to ?? sorted[sorted.length - 1];
    if (!first || !last || first > last) return sorted;
    const months: string[] = [];
    for (let i = monthIndex(first); i <= monthIndex(last) && months.length <= MAX_MONTHS; i++) {
      months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    }
    return months;
  }
}

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
