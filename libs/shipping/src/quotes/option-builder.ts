import { fromMad, type Money, money, toMad } from '@souk/platform';
import type { RatedShipment } from '../carriers/carrier';
import type { Assessment, Fx } from '../duties/regime';
import type { Amounts, BreakdownLine, Incoterm, PricedOption } from './quote.types';

/**
 * Converts computed amounts into the quote's currency and into MAD, always through MAD, line by
 * line. A quote converts the same amounts for several options: each is converted once.
 */
export class Converter {
  private readonly seen = new Map<string, { quote: Money; mad: Money }>();

  constructor(
    readonly currency: string,
    private readonly fx: Fx,
  ) {}

  both(native: Money): { quote: Money; mad: Money } {
    const key = `${native.currency}${native.amount}`;
    let done = this.seen.get(key);
    if (!done) {
      const mad = native.currency === 'MAD' ? native : toMad(native.amount, this.fx.rate(native.currency));
      const quote =
        native.currency === this.currency
          ? native
          : this.currency === 'MAD'
            ? mad
            : fromMad(mad.amount, this.fx.rate(this.currency));
      done = { quote, mad };
      this.seen.set(key, done);
    }
    return done;
  }
}

/** DDP and DAP as the regime and the carrier allow them. */
export function incotermsFor(assessment: Assessment, rated: RatedShipment): Incoterm[] {
  if (assessment.collection === 'point-of-sale') return ['DDP'];
  if (assessment.collection === 'none') return ['DAP'];
  return rated.ddpFee !== null ? ['DDP', 'DAP'] : ['DAP'];
}

/** A line before it is given to an incoterm: where it is payable is decided per option. */
interface Priced {
  line: Omit<BreakdownLine, 'payable'>;
  mad: number;
  /** duties, taxes and fees move to delivery under DAP; shipping and notices stay */
  import: boolean;
}

function price(
  convert: Converter,
  kind: BreakdownLine['kind'],
  code: string,
  label: string,
  native: Money,
  rule: string,
  rate?: string,
  base?: Money,
): Omit<Priced, 'import'> {
  const { quote, mad } = convert.both(native);
  const line: Omit<BreakdownLine, 'payable'> = { kind, code, label, amount: quote, rule };
  if (rate !== undefined) line.rate = rate;
  if (base !== undefined) line.base = base;
  if (native.currency !== quote.currency && kind !== 'notice') line.original = native;
  return { line, mad: mad.amount };
}

/** A line given its incoterm's payable, fields in reading order. */
function finished(l: Omit<BreakdownLine, 'payable'>, payable: BreakdownLine['payable']): BreakdownLine {
  const out: Partial<BreakdownLine> = { kind: l.kind, code: l.code, label: l.label };
  if (l.rate !== undefined) out.rate = l.rate;
  if (l.base !== undefined) out.base = l.base;
  out.amount = l.amount;
  if (l.original !== undefined) out.original = l.original;
  out.payable = payable;
  out.rule = l.rule;
  return out as BreakdownLine;
}

function amounts(
  lines: readonly BreakdownLine[],
  value: (i: number) => number,
  incoterm: Incoterm,
  currency: string,
): Amounts {
  let shipping = 0;
  let duties = 0;
  let taxes = 0;
  let fees = 0;
  let owed = 0;
  lines.forEach((l, i) => {
    const amount = value(i);
    if (l.kind === 'shipping') shipping += amount;
    else if (l.kind === 'duty') duties += amount;
    else if (l.kind === 'tax') taxes += amount;
    else if (l.kind === 'fee' && l.payable === 'checkout') fees += amount;
    if (l.kind !== 'shipping' && l.kind !== 'notice' && l.payable === 'delivery') owed += amount;
  });
  const total = incoterm === 'DDP' ? shipping + duties + taxes + fees : shipping + fees;
  const m = (amount: number) => money(amount, currency);
  return {
    shipping: m(shipping),
    duties: m(duties),
    taxes: m(taxes),
    fees: m(fees),
    total: m(total),
    owedOnDelivery: m(owed),
  };
}

/**
 * The options one carrier's rating gives under a regime's assessment: its shipping lines, then the
 * duties, taxes and fees (payable at checkout under DDP, on delivery under DAP), then the carrier's
 * DDP service fee when it pays import charges for the shipper.
 */
export function buildOptions(
  rated: RatedShipment,
  assessment: Assessment,
  dutiesRule: string,
  convert: Converter,
  newId: () => string,
): PricedOption[] {
  const common: Priced[] = [];
  for (const s of rated.lines)
    common.push({
      ...price(
        convert,
        s.kind,
        s.code,
        s.label,
        money(s.amount, 'MAD'),
        s.rule,
        s.rate,
        s.base !== undefined ? money(s.base, 'MAD') : undefined,
      ),
      import: false,
    });
  for (const c of assessment.lines)
    common.push({
      ...price(convert, c.kind, c.code, c.label, c.amount, dutiesRule, c.rate, c.base),
      import: c.kind !== 'notice',
    });
  const charged = assessment.lines.some((c) => c.kind !== 'notice' && c.amount.amount > 0);
  const chargeableWeightGrams = rated.parcels.reduce((s, p) => s + p.chargeableWeightGrams, 0);

  return incotermsFor(assessment, rated).map((incoterm) => {
    const priced = [...common];
    if (incoterm === 'DDP' && assessment.collection === 'import' && rated.ddpFee !== null && charged) {
      const label = `${rated.serviceLabel}: duties and taxes paid on the shipper's account (DDP)`;
      priced.push({
        ...price(convert, 'fee', 'ddp-service', label, money(rated.ddpFee, 'MAD'), rated.card),
        import: false,
      });
    }
    const delivery = incoterm === 'DAP';
    const breakdown = priced.map((p) => finished(p.line, delivery && p.import ? 'delivery' : 'checkout'));
    return {
      id: newId(),
      carrier: rated.carrier,
      service: rated.service,
      serviceLabel: rated.serviceLabel,
      transitDays: rated.transitDays,
      incoterm,
      rateSource: rated.rateSource,
      chargeableWeightGrams,
      parcels: rated.parcels,
      amounts: amounts(breakdown, (i) => breakdown[i].amount.amount, incoterm, convert.currency),
      amountsMad: amounts(breakdown, (i) => priced[i].mad, incoterm, 'MAD'),
      breakdown,
    };
  });
}
