import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Carrier, CARRIERS, type RatedParcel } from '../carriers/carrier';
import { regimeOf } from '../duties/regimes';
import { roundUpTo, sorted, volumetricGrams } from '../packing/chargeable-weight';
import { pack } from '../packing/packer';
import { buildOptions, Converter } from './option-builder';
import type { ConsignmentQuote, ConsignmentRequest, PricedOption, QuoteContext } from './quote.types';

/** Parcels are shown at the divisor most express carriers use; each option shows its carrier's own. */
export const DISPLAY_DIVISOR = 5000;

const shown = (p: { weightGrams: number; dimensionsMm: RatedParcel['dimensionsMm'] }): RatedParcel => {
  const volumetric = volumetricGrams(p.dimensionsMm, DISPLAY_DIVISOR);
  return {
    weightGrams: p.weightGrams,
    dimensionsMm: p.dimensionsMm,
    volumetricWeightGrams: volumetric,
    chargeableWeightGrams: roundUpTo(Math.max(p.weightGrams, volumetric), 500),
  };
};

/**
 * Quotes one consignment: packs it, asks every carrier, and prices each carrier's rating under the
 * destination's duties and taxes rule set in force on the day. No database: rules and rates come in
 * the context, so it runs the same in a request and in a benchmark.
 */
@Injectable()
export class QuoteEngine {
  constructor(@Inject(CARRIERS) private readonly carriers: readonly Carrier[]) {}

  /** Refuses, before any carrier is asked, a destination the regime cannot assess. */
  check(ctx: Pick<QuoteContext, 'book' | 'day' | 'destination'>): void {
    const duties = ctx.book.duties(ctx.destination.country, ctx.day);
    if (duties) regimeOf(duties.data).check?.(ctx.destination, duties.data);
  }

  /** The currencies the destination's regime converts into, so the caller can fetch their rates. */
  currencies(ctx: Pick<QuoteContext, 'book' | 'day' | 'destination'>): string[] {
    const duties = ctx.book.duties(ctx.destination.country, ctx.day);
    return duties ? regimeOf(duties.data).currencies(ctx.destination.country, duties.data) : [];
  }

  async quote(
    c: ConsignmentRequest,
    ctx: QuoteContext,
    newId: () => string = randomUUID,
  ): Promise<ConsignmentQuote> {
    const packing = ctx.book.packing(ctx.day);
    const duties = ctx.book.duties(ctx.destination.country, ctx.day);
    if (!packing || !duties) throw new Error(`no packing or duties rule set in force on ${ctx.day}`);
    const regime = regimeOf(duties.data);
    const declaredValueMad = c.customs.reduce((s, l) => s + l.valueMad, 0);
    const answers = await Promise.all(
      this.carriers.map((carrier) =>
        carrier.rate(
          {
            destination: ctx.destination,
            originCity: c.originCity,
            units: c.units,
            parcels: c.parcels,
            declaredValueMad,
          },
          { book: ctx.book, on: ctx.on, day: ctx.day },
        ),
      ),
    );
    const convert = new Converter(ctx.currency, ctx.fx);
    const options: PricedOption[] = [];
    const unavailable: ConsignmentQuote['unavailable'] = [];
    const notices = new Set<string>();
    answers.forEach((answer, i) => {
      if (!answer.ok) {
        unavailable.push({ carrier: this.carriers[i].code, reason: answer.reason });
        return;
      }
      const shippingMad = answer.rated.lines.filter((l) => l.kind === 'shipping').map((l) => l.amount);
      const assessment = regime.assess(
        {
          country: ctx.destination.country,
          postalCode: ctx.destination.postalCode,
          lines: c.customs,
          shippingMad,
        },
        duties.data,
        ctx.fx,
      );
      if (assessment.note) notices.add(assessment.note);
      options.push(...buildOptions(answer.rated, assessment, duties.version, convert, newId));
    });
    let chosen = options;
    if (ctx.incoterm) {
      const wanted = options.filter((o) => o.incoterm === ctx.incoterm);
      if (wanted.length > 0) chosen = wanted;
      else if (options.length > 0)
        notices.add(`No ${ctx.incoterm} option: ${[...notices][0] ?? 'not offered here'}`);
    }

    const parcels = (
      c.units
        ? pack(c.units, packing.data)
        : (c.parcels ?? []).map((p) => ({
            weightGrams: p.weightGrams,
            dimensionsMm: sorted(p.dimensionsMm.length, p.dimensionsMm.width, p.dimensionsMm.height),
          }))
    ).map(shown);
    const refused = answers.filter((a) => !a.ok);
    return {
      cooperativeId: c.cooperativeId,
      items: c.items,
      parcels,
      options: chosen,
      unavailable,
      notices: [...notices],
      rules: { packing: packing.version, duties: duties.version },
      ...(chosen.length === 0
        ? {
            refusal: {
              about: refused.some((a) => !a.ok && a.about === 'pieces') ? 'pieces' : 'destination',
              reasons: unavailable.map((u) => `${u.carrier}: ${u.reason}`),
            },
          }
        : {}),
    } as ConsignmentQuote;
  }
}
