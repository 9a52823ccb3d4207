import type { CarrierAnswer, CarrierCode, RatingContext, Shipment } from './carrier';
import { rateFromCard } from './rate-card';

/** Rates from the carrier's card in force on the day, or says there is none. */
export function rateOnCard(
  code: CarrierCode,
  label: string,
  shipment: Shipment,
  ctx: RatingContext,
  divisor?: number,
): CarrierAnswer {
  const card = ctx.book.card(code, ctx.day);
  const packing = ctx.book.packing(ctx.day);
  if (!card || !packing)
    return { ok: false, reason: `${label} has no rate card in force on ${ctx.day}`, about: 'destination' };
  return rateFromCard(code, card, packing.data, shipment, divisor ?? card.data.volumetricDivisor);
}
