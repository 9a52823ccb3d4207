import { describe, expect, it } from '@jest/globals';
import { loadNative } from './support/native';

type Shipping = typeof import('@souk/shipping');
type Data = typeof import('@souk/shipping/data');
type Regimes = typeof import('../libs/shipping/src/duties/regimes');
type Regime = import('../libs/shipping/src/duties/regime').CustomsLine;

const { RuleBook, standaloneQuoteEngine } = loadNative<Shipping>('@souk/shipping');
const { SHIPPING_RULE_SETS } = loadNative<Data>('@souk/shipping/data');
const { regimeOf } = loadNative<Regimes>('libs/shipping/src/duties/regimes.ts');

/**
 * Duties and taxes as dated data: the rule set in force on a day is the latest version whose
 * [effectiveFrom, effectiveTo) holds it, and it names itself in every line. Pure: no database.
 * Rates as in the destination table: 1 USD = 9.27 MAD, 1 EUR = 10.81, 1 GBP = 12.29, 1 CAD = 6.61.
 */
const RATES: Record<string, string> = { USD: '9.27', EUR: '10.81', GBP: '12.29', CAD: '6.61' };
const fx = {
  rate: (c: string) => ({ currency: c, madPerUnit: RATES[c], effectiveDate: '2026-11-02', source: 'test' }),
};
const book = new RuleBook(SHIPPING_RULE_SETS);

const line = (o: Partial<Regime> & { valueMad: number; hsCode: string }): Regime => ({
  heading: o.hsCode.slice(0, 6),
  description: 'goods',
  quantity: 1,
  origin: 'MA',
  preferential: true,
  ...o,
});

/** The duties rule set in force in `country` on `day`, and its assessment of a consignment. */
const assess = (
  country: string,
  day: string,
  lines: Regime[],
  shippingMad: number[] = [],
  postalCode: string | null = null,
) => {
  const set = book.duties(country, day)!;
  const a = regimeOf(set.data).assess({ country, postalCode, lines, shippingMad }, set.data, fx);
  return {
    version: set.version,
    collection: a.collection,
    lines: a.lines.map((l) => [l.kind, l.code, l.amount.amount, l.amount.currency]),
  };
};

const BOWLS = line({ hsCode: '691200', valueMad: 180000 }); // $194.17
const CARPET = line({ hsCode: '570110', valueMad: 1200000 }); // $1,294.50

describe('the United States, version by version', () => {
  it('picks the version in force on each day, from the first day of one to the last day of the previous', () => {
    const versions = [
      '2025-04-04',
      '2025-04-05',
      '2025-08-28',
      '2025-08-29',
      '2025-10-01',
      '2026-02-23',
      '2026-02-24',
      '2026-07-23',
      '2026-07-24',
      '2026-11-23',
    ].map((day) => book.duties('US', day)?.version);
    expect(versions).toEqual([
      'ROW/2025-01-01',
      'US/2025-04-05',
      'US/2025-04-05',
      'US/2025-08-29',
      'US/2025-10-01',
      'US/2025-10-01',
      'US/2026-02-24',
      'US/2026-02-24',
      'US/2026-07-24',
      'US/2026-07-24',
    ]);
  });

  it('before 29 Aug 2025, $194.17 of bowls was under the $800 de minimis: nothing due', () => {
    expect(assess('US', '2025-06-01', [BOWLS])).toEqual({
      version: 'US/2025-04-05',
      collection: 'import',
      lines: [['notice', 'de-minimis', 0, 'USD']],
    });
  });

  it('before 29 Aug 2025, a $1,294.50 carpet was over it: IEEPA 10% and the FY2025 informal MPF of $2.62', () => {
    expect(assess('US', '2025-06-01', [CARPET])).toEqual({
      version: 'US/2025-04-05',
      collection: 'import',
      lines: [
        ['duty', 'duty', 0, 'USD'],
        ['duty', 'us-ieepa-reciprocal', 12945, 'USD'],
        ['fee', 'mpf', 262, 'USD'],
      ],
    });
  });

  it('from 29 Aug 2025 the same bowls pay: IEEPA 10% = $19.42, then the FY2026 MPF from 1 Oct 2025', () => {
    expect(assess('US', '2025-09-15', [BOWLS]).lines).toEqual([
      ['duty', 'duty', 0, 'USD'],
      ['duty', 'us-ieepa-reciprocal', 1942, 'USD'],
      ['fee', 'mpf', 262, 'USD'],
    ]);
    expect(assess('US', '2025-12-01', [BOWLS]).lines[2]).toEqual(['fee', 'mpf', 269, 'USD']);
  });

  it('24 Feb to 23 Jul 2026: the Section 122 surcharge; from 24 Jul 2026, the provisional line that follows it', () => {
    expect(assess('US', '2026-03-15', [BOWLS])).toEqual({
      version: 'US/2026-02-24',
      collection: 'import',
      lines: [
        ['duty', 'duty', 0, 'USD'],
        ['duty', 'us-section-122', 1942, 'USD'],
        ['fee', 'mpf', 269, 'USD'],
      ],
    });
    expect(assess('US', '2026-08-01', [BOWLS])).toMatchObject({
      version: 'US/2026-07-24',
      lines: [
        ['duty', 'duty', 0, 'USD'],
        ['duty', 'us-additional-duty', 1942, 'USD'],
        ['fee', 'mpf', 269, 'USD'],
      ],
    });
  });

  it('without a preference claim the general rate applies: 9.8% × $194.17 = $19.03', () => {
    expect(assess('US', '2026-03-15', [{ ...BOWLS, preferential: false }]).lines[0]).toEqual([
      'duty',
      'duty',
      1903,
      'USD',
    ]);
  });

  it('quotes a whole consignment in-process under the Section 122 version, naming it in every duty line', async () => {
    const engine = standaloneQuoteEngine();
    const on = new Date('2026-03-15T12:00:00Z');
    const q = await engine.quote(
      {
        cooperativeId: 'c0ffee00-0000-4000-8000-000000000001',
        originCity: 'Safi',
        items: [{ variantId: 'bowls', quantity: 1 }],
        units: [{ variantId: 'bowls', weightGrams: 1200, dims: { length: 240, width: 240, height: 80 } }],
        parcels: null,
        customs: [{ ...BOWLS, description: 'Safi serving bowls' }],
      },
      {
        book,
        on,
        day: '2026-03-15',
        destination: { country: 'US', postalCode: '60614', city: null },
        currency: 'USD',
        fx,
        incoterm: 'DDP',
      },
    );
    const dhl = q.options.find((o) => o.carrier === 'dhl-express')!;
    expect(dhl.breakdown.map((l) => [l.code, l.amount.amount, l.rule])).toEqual([
      ['transport', 8231, 'dhl-express/2026-01-01'],
      ['fuel', 2264, 'dhl-express/2026-01-01'],
      ['duty', 0, 'US/2026-02-24'],
      ['us-section-122', 1942, 'US/2026-02-24'],
      ['mpf', 269, 'US/2026-02-24'],
      ['ddp-service', 1618, 'dhl-express/2026-01-01'],
    ]);
    expect(dhl.breakdown[3].label).toBe('Section 122 temporary import surcharge (HTSUS 9903.03.01) 10%');
    expect(dhl.amounts.total).toEqual({ amount: 14324, currency: 'USD' });
    // incoterm DDP asked: Amana, which has no DDP, is left out with nothing refused
    expect(q.options.map((o) => `${o.carrier}/${o.incoterm}`)).toEqual(['dhl-express/DDP', 'aramex/DDP']);
  });
});

describe('the European Union, version by version', () => {
  // Two lines without a declared preference: bowls 600.00 MAD → €55.50, a bag 500.00 MAD → €46.25;
  // €101.75 of goods, under €150. Transport 500.00 MAD → €46.25. VAT 20% × 148.00 = €29.60.
  const lowValue = [
    line({ hsCode: '691200', valueMad: 60000, preferential: false }),
    line({ hsCode: '420221', valueMad: 50000, preferential: false }),
  ];

  it('before 1 Mar 2026: duty relief up to €150 and IOSS VAT', () => {
    expect(assess('FR', '2026-02-15', lowValue, [50000])).toEqual({
      version: 'EU/2025-09-01',
      collection: 'point-of-sale',
      lines: [
        ['duty', 'duty-relief', 0, 'EUR'],
        ['tax', 'ioss-vat', 2960, 'EUR'],
      ],
    });
  });

  it("from 1 Mar 2026, France's €2 per line; from 1 Jul 2026, €3 per distinct heading for goods without a preference", () => {
    expect(assess('FR', '2026-06-30', lowValue, [50000]).lines).toEqual([
      ['duty', 'duty-relief', 0, 'EUR'],
      ['fee', 'national-handling-fee', 400, 'EUR'],
      ['tax', 'ioss-vat', 2960, 'EUR'],
    ]);
    expect(assess('FR', '2026-07-01', lowValue, [50000])).toEqual({
      version: 'EU/2026-07-01',
      collection: 'point-of-sale',
      lines: [
        ['duty', 'eu-flat-duty', 600, 'EUR'],
        ['fee', 'national-handling-fee', 400, 'EUR'],
        ['tax', 'ioss-vat', 2960, 'EUR'],
      ],
    });
    // Germany charges no national fee; two bowls lines under one heading are one €3.
    expect(assess('DE', '2026-07-01', [lowValue[0], lowValue[0]], [50000]).lines.slice(0, 1)).toEqual([
      ['duty', 'eu-flat-duty', 300, 'EUR'],
    ]);
    // With the origin declaration, Moroccan goods pay no flat duty.
    expect(assess('DE', '2026-07-01', [{ ...lowValue[0], preferential: true }], [50000]).lines[0]).toEqual([
      'duty',
      'preferential-origin',
      0,
      'EUR',
    ]);
  });

  it('over €150 without a preference: duty per line on goods and a pro-rata share of transport, then import VAT', () => {
    // carpet 1,500.00 MAD → €138.76, bowls 500.00 → €46.25: €185.01. Transport 551.00 + 151.53 MAD → €50.97 + €14.02 = €64.99,
    // shared 138.76 : 46.25 → €48.74 (48.743) and €16.25. Duty carpet 8% × 187.50 = €15.00; bowls 9% × 62.50 = 5.625 → €5.63.
    // Import VAT Germany 19% × (185.01 + 64.99 + 15.00 + 5.63 = 270.63) = 51.4197 → €51.42.
    const a = assess(
      'DE',
      '2026-11-23',
      [
        line({ hsCode: '570110', valueMad: 150000, preferential: false }),
        line({ hsCode: '691200', valueMad: 50000, preferential: false }),
      ],
      [55100, 15153],
    );
    expect(a).toEqual({
      version: 'EU/2026-07-01',
      collection: 'import',
      lines: [
        ['duty', 'duty', 1500, 'EUR'],
        ['duty', 'duty', 563, 'EUR'],
        ['tax', 'import-vat', 5142, 'EUR'],
      ],
    });
  });
});

describe('Canada', () => {
  it('owes nothing at or under CA$20: a 100.00 MAD bar of soap is CA$15.13', () => {
    expect(assess('CA', '2026-11-23', [line({ hsCode: '340111', valueMad: 10000 })], [], 'T2P 1J9')).toEqual({
      version: 'CA/2025-04-01',
      collection: 'import',
      lines: [['notice', 'de-minimis', 0, 'CAD']],
    });
  });

  it('charges GST 5% outside the HST provinces (Alberta): 5% × (272.31 + 19.06) = 14.5685 → CA$14.57', () => {
    expect(assess('CA', '2026-11-23', [BOWLS], [], 'T2P 1J9').lines).toEqual([
      ['duty', 'duty', 1906, 'CAD'],
      ['tax', 'gst', 1457, 'CAD'],
    ]);
  });
});

describe('configuration', () => {
  type Module = typeof import('../libs/shipping/src/shipping.module');
  const { ShippingModule } = loadNative<Module>('libs/shipping/src/shipping.module.ts');
  const started = (config: Record<string, unknown>) => () => new ShippingModule(config as any).onModuleInit();

  it('refuses to start in production with a MyDHL URL but no credentials', () => {
    expect(started({ NODE_ENV: 'production', DHL_API_URL: 'https://express.api.dhl.com/mydhlapi' })).toThrow(
      /DHL_API_KEY, DHL_API_SECRET and DHL_ACCOUNT_NUMBER are required in production/,
    );
    expect(started({ NODE_ENV: 'production' })).not.toThrow();
    expect(started({ NODE_ENV: 'development', DHL_API_URL: 'http://127.0.0.1:1' })).not.toThrow();
    expect(
      started({
        NODE_ENV: 'production',
        DHL_API_URL: 'https://x',
        DHL_API_KEY: 'k',
        DHL_API_SECRET: 's',
        DHL_ACCOUNT_NUMBER: '123456789',
      }),
    ).not.toThrow();
  });
});
