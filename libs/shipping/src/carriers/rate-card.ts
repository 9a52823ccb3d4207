import { divRound } from '@souk/platform';
import type { PackingData, RateCardData, RuleSet, Zone } from '../data/types';
import { applyRate, isZeroRate, percent } from '../duties/decimal-rate';
import { roundUpTo, sorted, volumetricGrams } from '../packing/chargeable-weight';
import { breaksLimits, pack } from '../packing/packer';
import type { CarrierAnswer, CarrierCode, RatedParcel, Shipment, ShippingLine } from './carrier';

const kg = (grams: number) => String(grams / 1000);

/** The card's zone for a country, or undefined when the carrier does not go there. */
export function zoneOf(card: RateCardData, country: string): Zone | undefined {
  if (card.notServed.includes(country)) return undefined;
  return (
    card.zones.find((z) => z.countries !== '*' && z.countries.includes(country)) ??
    card.zones.find((z) => z.countries === '*')
  );
}

/** The transport charge in MAD centimes for a chargeable weight: its break, or per kg beyond the last. */
export function priceAt(card: RateCardData, zone: Zone, grams: number): number {
  const steps = Math.ceil(grams / card.breakStepGrams);
  if (steps <= zone.breaks.length) return zone.breaks[Math.max(steps, 1) - 1];
  const lastGrams = zone.breaks.length * card.breakStepGrams;
  const beyond = roundUpTo(grams - lastGrams, card.breakStepGrams);
  return (
    zone.breaks[zone.breaks.length - 1] + Number(divRound(BigInt(zone.perKgBeyond) * BigInt(beyond), 1000n))
  );
}

/**
 * Rates a shipment from a carrier's card: packs it within the carrier's piece limits, weighs each
 * piece (greater of actual and volumetric, rounded up), then prices the zone's break for the total
 * and adds the oversize, remote-area and fuel surcharges. Every line names the card's version.
 */
export function rateFromCard(
  carrier: CarrierCode,
  set: RuleSet<RateCardData>,
  packing: PackingData,
  shipment: Shipment,
  divisor = set.data.volumetricDivisor,
): CarrierAnswer {
  const card = set.data;
  const { country, postalCode } = shipment.destination;
  const zone = zoneOf(card, country);
  if (!zone)
    return { ok: false, reason: `${card.serviceLabel} does not serve ${country}`, about: 'destination' };

  const pieces = shipment.units
    ? pack(shipment.units, packing, card.pieceLimits)
    : (shipment.parcels ?? []).map((p) => ({
        weightGrams: p.weightGrams,
        dimensionsMm: sorted(p.dimensionsMm.length, p.dimensionsMm.width, p.dimensionsMm.height),
      }));
  for (const piece of pieces) {
    const broken = breaksLimits(piece, card.pieceLimits);
    if (broken) return { ok: false, reason: `${card.serviceLabel}: ${broken}`, about: 'pieces' };
  }
  const parcels: RatedParcel[] = pieces.map((p) => {
    const volumetric = volumetricGrams(p.dimensionsMm, divisor);
    return {
      weightGrams: p.weightGrams,
      dimensionsMm: p.dimensionsMm,
      volumetricWeightGrams: volumetric,
      chargeableWeightGrams: roundUpTo(Math.max(p.weightGrams, volumetric), card.roundingGrams),
    };
  });
  const chargeable = parcels.reduce((s, p) => s + p.chargeableWeightGrams, 0);

  const rule = set.version;
  const lines: ShippingLine[] = [];
  const transport = priceAt(card, zone, chargeable);
  lines.push({
    kind: 'shipping',
    code: 'transport',
    label: `${card.serviceLabel}, zone ${zone.code} (${zone.label}), ${parcels.length} piece${parcels.length > 1 ? 's' : ''}, ${kg(chargeable)} kg chargeable (divisor ${divisor})`,
    amount: transport,
    rule,
  });
  let surcharged = transport;
  const oversize = card.oversize;
  const big = oversize
    ? parcels.filter(
        (p) => p.dimensionsMm.length > oversize.longestSideOverMm || p.weightGrams > oversize.weightOverGrams,
      ).length
    : 0;
  if (oversize && big > 0) {
    const amount = oversize.perPiece * big;
    surcharged += amount;
    lines.push({
      kind: 'shipping',
      code: 'oversize',
      label: `Oversize piece surcharge (over ${oversize.longestSideOverMm / 10} cm or ${oversize.weightOverGrams / 1000} kg), ${big} piece${big > 1 ? 's' : ''}`,
      amount,
      rule,
    });
  }
  const postal = (postalCode ?? '').replace(/[\s-]/g, '').toUpperCase();
  const remote = card.remoteArea?.postcodePrefixes[country]?.some((prefix) => postal.startsWith(prefix));
  if (card.remoteArea && remote) {
    surcharged += card.remoteArea.perShipment;
    lines.push({
      kind: 'shipping',
      code: 'remote-area',
      label: `Remote area delivery surcharge (${country} ${postal})`,
      amount: card.remoteArea.perShipment,
      rule,
    });
  }
  if (!isZeroRate(card.fuelRate)) {
    lines.push({
      kind: 'shipping',
      code: 'fuel',
      label: `Fuel surcharge ${percent(card.fuelRate)} of transport and surcharges`,
      rate: card.fuelRate,
      base: surcharged,
      amount: applyRate(surcharged, card.fuelRate),
      rule,
    });
  }
  return {
    ok: true,
    rated: {
      carrier,
      service: card.service,
      serviceLabel: card.serviceLabel,
      transitDays: zone.transitDays,
      parcels,
      lines,
      ddpFee: card.ddpFee,
      rateSource: 'card',
      card: rule,
    },
  };
}
