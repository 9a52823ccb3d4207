import { Injectable, Logger } from '@nestjs/common';
import { ExchangeRates, toMad } from '@souk/platform';
import type { Carrier, CarrierAnswer, RatedShipment, RatingContext, Shipment, ShippingLine } from './carrier';
import { rateOnCard } from './card-only';
import { type LiveRate, LiveRateError, MyDhlClient } from './mydhl.client';

/**
 * DHL Express Worldwide. With DHL_API_URL set, the price comes live from MyDHL for the parcels its
 * card packed; when MyDHL fails or is too slow, the card answers and the option says so.
 */
@Injectable()
export class DhlExpressCarrier implements Carrier {
  readonly code = 'dhl-express' as const;
  private readonly logger = new Logger(DhlExpressCarrier.name);

  constructor(
    private readonly mydhl: MyDhlClient,
    private readonly rates: ExchangeRates,
  ) {}

  async rate(shipment: Shipment, ctx: RatingContext): Promise<CarrierAnswer> {
    const fromCard = rateOnCard(this.code, 'DHL Express', shipment, ctx);
    if (!fromCard.ok || !this.mydhl.enabled) return fromCard;
    const card = fromCard.rated;
    try {
      const live = await this.mydhl.rate({
        originCity: shipment.originCity,
        destination: shipment.destination,
        parcels: card.parcels,
        declaredValueMad: shipment.declaredValueMad,
        shipOn: ctx.on,
      });
      return { ok: true, rated: await this.fromLive(card, live, ctx) };
    } catch (err) {
      const why = err instanceof LiveRateError ? err.message : `MyDHL failed: ${(err as Error).message}`;
      this.logger.warn(`live DHL rate unavailable, card used: ${why}`);
      const notice: ShippingLine = {
        kind: 'notice',
        code: 'live-rate-unavailable',
        label: `Live DHL rate unavailable (${why}); priced from the rate card`,
        amount: 0,
        rule: card.card,
      };
      return { ok: true, rated: { ...card, lines: [...card.lines, notice] } };
    }
  }

  private async fromLive(card: RatedShipment, live: LiveRate, ctx: RatingContext): Promise<RatedShipment> {
    const rate = live.currency === 'MAD' ? undefined : await this.rates.rateOn(live.currency, ctx.on);
    const mad = (amount: number) => (rate ? toMad(amount, rate).amount : amount);
    const rule = `mydhl-api/${ctx.day}`;
    return {
      ...card,
      rateSource: 'live',
      transitDays: live.transitDays ? { min: live.transitDays, max: live.transitDays } : card.transitDays,
      lines: live.parts.map((p) => ({
        kind: 'shipping',
        code:
          p.code === 'FF' || p.code === 'FUEL'
            ? 'fuel'
            : p.code === 'SPRQT' || p.code === 'SDRATE'
              ? 'transport'
              : p.code.toLowerCase(),
        label: `${p.label} (MyDHL live rate, ${live.productName})`,
        amount: mad(p.amount),
        rule,
      })),
    };
  }
}
