import { Inject, Injectable } from '@nestjs/common';
import {
  type ExchangeRate,
  ExchangeRates,
  isKnownCurrency,
  money,
  Problem,
  SOUK_CONFIG,
  type SoukConfig,
  type SqlRunner,
} from '@souk/platform';
import { randomUUID } from 'node:crypto';
import { defaultCurrencyOf, isCountry } from '../data/countries';
import { dayOf } from '../rules/rule-book';
import { ShippingRules } from '../rules/shipping-rules';
import type { CheckoutShippingOption } from './checkout-option';
import { Consignments } from './consignments';
import type { CreateQuoteDto, DestinationDto } from './dto/create-quote.dto';
import type { QuoteView } from './dto/quote.view';
import { quoteAnswer } from './quote-answer';
import { QuoteEngine } from './quote-engine';
import type { ConsignmentRequest, Destination, QuoteContext } from './quote.types';
import { QuotesStore } from './quotes.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface OptionRow {
  optionId: string;
  quoteId: string;
  cooperativeId: string | null;
  carrier: string;
  service: string;
  incoterm: 'DDP' | 'DAP';
  transitMin: number;
  transitMax: number;
  currency: string;
  shipping: string;
  duties: string;
  taxes: string;
  fees: string;
  total: string;
  shippingMad: string;
  dutiesMad: string;
  taxesMad: string;
  feesMad: string;
  totalMad: string;
  expiresAt: Date;
  country: string;
  postalCode: string | null;
  items: { variantId: string; quantity: number }[];
}

/**
 * Landed-cost quotes: one SQL read for the cart (rules and exchange rates are cached), the engine,
 * and one INSERT for the quote and its options. Checkout reads an option back by its id.
 */
@Injectable()
export class QuotesService {
  constructor(
    private readonly rules: ShippingRules,
    private readonly rates: ExchangeRates,
    private readonly engine: QuoteEngine,
    private readonly consignments: Consignments,
    private readonly store: QuotesStore,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async quote(dto: CreateQuoteDto): Promise<QuoteView> {
    const now = new Date();
    const destination = this.destinationOf(dto.destination);
    if (dto.items && dto.parcels)
      throw Problem.field('parcels', 'cannot be given with items: quote a cart or parcels');
    const currency = dto.currency ?? defaultCurrencyOf(destination.country);
    if (!isKnownCurrency(currency))
      throw Problem.field('currency', `${currency} is not a currency Souk quotes in`);
    const book = await this.rules.current();
    const base = { book, on: now, day: dayOf(now), destination, currency, incoterm: dto.incoterm ?? null };
    this.engine.check(base);

    // Every currency the quote converts into, with the request field that brought it in.
    const wanted = new Map<string, string>([[currency, 'currency']]);
    for (const c of this.engine.currencies(base)) if (!wanted.has(c)) wanted.set(c, 'destination.country');
    (dto.lines ?? []).forEach((l, i) => {
      if (!wanted.has(l.value.currency)) wanted.set(l.value.currency, `lines[${i}].value.currency`);
    });
    const fetched = new Map<string, ExchangeRate>();
    await Promise.all(
      [...wanted].map(async ([c, field]) => {
        if (!isKnownCurrency(c)) throw Problem.field(field, `${c} is not a currency Souk quotes in`);
        try {
          fetched.set(c, await this.rates.rateOn(c, now));
        } catch (err) {
          if (field === 'currency') throw err;
          throw Problem.field(field, `${c} has no exchange rate on ${base.day}`);
        }
      }),
    );
    const fx = { rate: (c: string) => fetched.get(c) ?? this.missingRate(c) };

    const requests: ConsignmentRequest[] = dto.items
      ? await this.consignments.fromItems(dto.items)
      : [this.consignments.fromPartner(dto.parcels!, dto.lines!, fx.rate)];
    const ctx: QuoteContext = { ...base, fx };
    const consignments = await Promise.all(requests.map((r) => this.engine.quote(r, ctx)));
    const refused = consignments.find((c) => c.refusal);
    if (refused?.refusal) {
      const who = refused.cooperativeId ? `cooperative ${refused.cooperativeId}'s parcels` : 'these parcels';
      const field =
        refused.refusal.about === 'destination' ? 'destination.country' : dto.items ? 'items' : 'parcels';
      throw Problem.field(
        field,
        `has no carrier for ${who} to ${destination.country}: ${refused.refusal.reasons.join('; ')}`,
      );
    }

    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.SHIPPING_QUOTE_TTL_MINUTES * 60_000);
    const used = [fetched.get(currency)!, ...[...fetched.values()].filter((r) => r.currency !== currency)];
    const answer = quoteAnswer({
      id,
      quotedAt: now,
      expiresAt,
      currency,
      destination,
      rates: used,
      consignments,
    });
    await this.store.save({
      id,
      currency,
      destination,
      incoterm: dto.incoterm ?? null,
      quotedAt: now,
      expiresAt,
      exchangeRates: answer.exchangeRates,
      answer,
      consignments,
    });
    return answer;
  }

  async find(id: string): Promise<QuoteView> {
    const answer = await this.store.answer(id);
    if (!answer) throw Problem.notFound('Shipping quote', id);
    return answer as QuoteView;
  }

  /** The stored option, or undefined; callers check expiry, cooperative, items and destination. */
  async optionForCheckout(runner: SqlRunner, optionId: string): Promise<CheckoutShippingOption | undefined> {
    if (!UUID.test(optionId)) return undefined;
    const row = await runner.one<OptionRow>(
      `SELECT o.id AS "optionId", o.quote_id AS "quoteId", o.cooperative_id AS "cooperativeId",
              o.carrier, o.service, o.incoterm, o.transit_min AS "transitMin", o.transit_max AS "transitMax",
              o.currency, o.shipping_amount AS shipping, o.duties_amount AS duties, o.taxes_amount AS taxes,
              o.fees_amount AS fees, o.total_amount AS total, o.shipping_mad AS "shippingMad",
              o.duties_mad AS "dutiesMad", o.taxes_mad AS "taxesMad", o.fees_mad AS "feesMad",
              o.total_mad AS "totalMad", q.expires_at AS "expiresAt",
              q.destination_country AS country, q.destination_postal_code AS "postalCode", o.items
         FROM shipping_quote_option o JOIN shipping_quote q ON q.id = o.quote_id
        WHERE o.id = $1`,
      [optionId],
    );
    if (!row || !row.cooperativeId) return undefined;
    const currency = row.currency.trim();
    const quoted = (amount: string) => money(Number(amount), currency);
    const mad = (amount: string) => money(Number(amount), 'MAD');
    return {
      optionId: row.optionId,
      quoteId: row.quoteId,
      cooperativeId: row.cooperativeId,
      carrier: row.carrier,
      service: row.service,
      incoterm: row.incoterm,
      transitDays: { min: row.transitMin, max: row.transitMax },
      currency,
      shipping: quoted(row.shipping),
      duties: quoted(row.duties),
      taxes: quoted(row.taxes),
      fees: quoted(row.fees),
      total: quoted(row.total),
      shippingMad: mad(row.shippingMad),
      dutiesMad: mad(row.dutiesMad),
      taxesMad: mad(row.taxesMad),
      feesMad: mad(row.feesMad),
      totalMad: mad(row.totalMad),
      expiresAt: new Date(row.expiresAt),
      destination: { country: row.country.trim(), postalCode: row.postalCode },
      items: row.items,
    };
  }

  private destinationOf(d: DestinationDto): Destination {
    if (!isCountry(d.country))
      throw Problem.field('destination.country', `${d.country} is not an ISO 3166-1 country code`);
    if (d.country === 'MA')
      throw Problem.field(
        'destination.country',
        'is Morocco: Souk quotes exports; domestic delivery is arranged by the cooperative',
      );
    const postal = d.postalCode?.trim().toUpperCase();
    return { country: d.country, postalCode: postal ? postal : null, city: d.city?.trim() || null };
  }

  private missingRate(currency: string): never {
    throw new Error(`exchange rate for ${currency} was not fetched before quoting`);
  }
}
