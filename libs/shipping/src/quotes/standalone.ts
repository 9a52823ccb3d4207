import type { ExchangeRates, SoukConfig } from '@souk/platform';
import { AmanaEmsCarrier } from '../carriers/amana-ems.carrier';
import { AramexCarrier } from '../carriers/aramex.carrier';
import { DhlExpressCarrier } from '../carriers/dhl-express.carrier';
import { MyDhlClient } from '../carriers/mydhl.client';
import { QuoteEngine } from './quote-engine';

type CarrierSettings = Pick<
  SoukConfig,
  'ARAMEX_VOLUMETRIC_DIVISOR' | 'AMANA_VOLUMETRIC_DIVISOR' | 'DHL_API_URL' | 'DHL_TIMEOUT_MS'
>;

/**
 * The quote engine wired by hand, without Nest or a database, for benchmarks and tests: card rates
 * only unless DHL_API_URL is given (then `rates` converts a MyDHL bill in a foreign currency).
 */
export function standaloneQuoteEngine(
  settings: Partial<CarrierSettings> = {},
  rates?: ExchangeRates,
): QuoteEngine {
  const config = { DHL_TIMEOUT_MS: 2000, ...settings } as SoukConfig;
  return new QuoteEngine([
    new DhlExpressCarrier(new MyDhlClient(config), rates as ExchangeRates),
    new AramexCarrier(config),
    new AmanaEmsCarrier(config),
  ]);
}
