export * from './insights.module';
export { InsightsService, type InsightFilters } from './sales/insights.service';
export { InsightsRefresher, type RefreshOutcome } from './refresh/insights-refresher';
export { INSIGHTS_QUEUE, SCHEDULED_REFRESH, SALES_REFRESH } from './refresh/refresh.processor';
export { INSIGHTS_EVENTS, SalesChangedSubscriber } from './refresh/sales-changed.subscriber';
export { SalesInsightsView, BuyersMapView } from './sales/insight.view';
export { countryName } from './countries';
export { dirhams, toCsv } from './csv';
