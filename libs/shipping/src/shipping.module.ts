import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { AmanaEmsCarrier } from './carriers/amana-ems.carrier';
import { AramexCarrier } from './carriers/aramex.carrier';
import { type Carrier, CARRIERS } from './carriers/carrier';
import { DhlExpressCarrier } from './carriers/dhl-express.carrier';
import { MyDhlClient } from './carriers/mydhl.client';
import { ShippingRules } from './rules/shipping-rules';
import { Consignments } from './quotes/consignments';
import { QuoteEngine } from './quotes/quote-engine';
import { QuotesController } from './quotes/quotes.controller';
import { QuotesService } from './quotes/quotes.service';
import { QuotesStore } from './quotes/quotes.store';

/** Carriers, rate cards, chargeable weight, duties and taxes, and stored quotes. Sql and ExchangeRates come from PlatformModule. */
@Module({
  controllers: [QuotesController],
  providers: [
    ShippingRules,
    MyDhlClient,
    DhlExpressCarrier,
    AramexCarrier,
    AmanaEmsCarrier,
    {
      provide: CARRIERS,
      useFactory: (dhl: DhlExpressCarrier, aramex: AramexCarrier, amana: AmanaEmsCarrier): Carrier[] => [
        dhl,
        aramex,
        amana,
      ],
      inject: [DhlExpressCarrier, AramexCarrier, AmanaEmsCarrier],
    },
    QuoteEngine,
    Consignments,
    QuotesStore,
    QuotesService,
  ],
  exports: [QuotesService, QuoteEngine, ShippingRules],
})
export class ShippingModule implements OnModuleInit {
  constructor(@Inject(SOUK_CONFIG) private readonly config: SoukConfig) {}

  /** Production refuses to start with a live DHL URL but no credentials: quotes would silently fall back. */
  onModuleInit(): void {
    const c = this.config;
    if (
      c.NODE_ENV === 'production' &&
      c.DHL_API_URL &&
      !(c.DHL_API_KEY && c.DHL_API_SECRET && c.DHL_ACCOUNT_NUMBER)
    )
      throw new Error(
        'DHL_API_URL is set: DHL_API_KEY, DHL_API_SECRET and DHL_ACCOUNT_NUMBER are required in production',
      );
  }
}
