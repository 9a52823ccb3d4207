import type { ExchangeRate } from '@souk/platform';
import type { QuoteView } from './dto/quote.view';
import type { ConsignmentQuote, Destination } from './quote.types';

/** The answer partners and the storefront read, as stored for GET. */
export function quoteAnswer(q: {
  id: string;
  quotedAt: Date;
  expiresAt: Date;
  currency: string;
  destination: Destination;
  rates: readonly ExchangeRate[];
  consignments: readonly ConsignmentQuote[];
}): QuoteView {
  return {
    id: q.id,
    quotedAt: q.quotedAt.toISOString(),
    expiresAt: q.expiresAt.toISOString(),
    currency: q.currency,
    destination: q.destination,
    exchangeRates: q.rates.map((r) => ({
      currency: r.currency,
      madPerUnit: r.madPerUnit,
      effectiveDate: r.effectiveDate,
      source: r.source,
    })),
    quotes: q.consignments.map((c) => ({
      cooperativeId: c.cooperativeId,
      items: c.items,
      parcels: c.parcels,
      options: c.options.map((o) => ({
        id: o.id,
        carrier: o.carrier,
        service: o.service,
        serviceLabel: o.serviceLabel,
        transitDays: o.transitDays,
        incoterm: o.incoterm,
        rateSource: o.rateSource,
        chargeableWeightGrams: o.chargeableWeightGrams,
        parcels: o.parcels,
        shipping: o.amounts.shipping,
        duties: o.amounts.duties,
        taxes: o.amounts.taxes,
        fees: o.amounts.fees,
        total: o.amounts.total,
        owedOnDelivery: o.amounts.owedOnDelivery,
        totalMad: o.amountsMad.total,
        breakdown: o.breakdown,
      })),
      unavailable: c.unavailable,
      notices: c.notices,
      rules: c.rules,
    })),
  };
}
