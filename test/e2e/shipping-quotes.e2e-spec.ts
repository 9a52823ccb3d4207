import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, givenApiKey, signUp } from '../support/actors';
import { loadNative } from '../support/native';
import {
  eur,
  givenCoop,
  givenGoods,
  lines,
  optionOf,
  pinRates,
  quote,
  reloadRules,
  today,
  usd,
} from '../support/shipping-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

type Shipping = typeof import('@souk/shipping');
type Platform = typeof import('@souk/platform');
type Data = typeof import('@souk/shipping/data');

/** Stored quotes and the checkout contract, partners' parcels, bad input, and rule sets changed as data. */
let t: TestApp;
let admin: Actor;
let safi: string;
let azilal: string;
const v: Record<string, string> = {};
const BOWLS = {
  title: 'Safi serving bowls',
  hsCode: '691200',
  price: 180000,
  weightGrams: 1200,
  dimensionsMm: [240, 240, 80] as [number, number, number],
};

beforeAll(async () => {
  t = await startTestApp();
  await pinRates(t);
  admin = await signUp(t, { name: 'Admin', admin: true });
  safi = await givenCoop(t, 'Safi');
  azilal = await givenCoop(t, 'Azilal', 'beni-mellal-khenifra');
  v.bowls = await givenGoods(t, safi, BOWLS);
  v.carpet = await givenGoods(t, azilal, {
    title: 'Azilal wool carpet',
    hsCode: '570110',
    craft: 'carpet',
    price: 1200000,
    weightGrams: 9000,
    dimensionsMm: [1500, 300, 300],
  });
  v.draft = await givenGoods(t, safi, { ...BOWLS, status: 'draft' });
  v.scarce = await givenGoods(t, safi, { ...BOWLS, stock: 3, reserved: 1 });
  v.pouf = await givenGoods(t, safi, {
    title: 'Leather pouf',
    hsCode: '420221',
    craft: 'leather',
    price: 90000,
    weightGrams: 2000,
    dimensionsMm: [500, 500, 300],
  });
});
afterAll(async () => {
  await t?.close();
});

const US = { country: 'US', postalCode: '60614' };
const count = async (table: string) =>
  Number((await t.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

describe('a stored quote', () => {
  let body: any;
  beforeAll(async () => {
    const res = await quote(t, {
      destination: US,
      items: [
        { variantId: v.carpet, quantity: 1 },
        { variantId: v.bowls, quantity: 2 },
      ],
    });
    expect(res.status).toBe(201);
    body = res.body;
  });

  it('is written with its destination, currency, rates, expiry and every option with its items', async () => {
    const { rows } = await t.db.query(
      `SELECT currency, destination_country, destination_postal_code, incoterm, extract(epoch FROM expires_at - quoted_at)::int AS ttl,
              exchange_rates FROM shipping_quote WHERE id = $1`,
      [body.id],
    );
    expect(rows).toEqual([
      {
        currency: 'USD',
        destination_country: 'US',
        destination_postal_code: '60614',
        incoterm: null,
        ttl: 1800,
        exchange_rates: [
          { currency: 'USD', madPerUnit: '9.27000000', effectiveDate: today(), source: 'test: pinned' },
        ],
      },
    ]);
    expect(new Date(body.expiresAt).getTime() - new Date(body.quotedAt).getTime()).toBe(30 * 60_000);
    const options = await t.db.query(
      `SELECT cooperative_id, carrier, incoterm, items FROM shipping_quote_option WHERE quote_id = $1 ORDER BY cooperative_id = $2 DESC, carrier, incoterm DESC`,
      [body.id, azilal],
    );
    // the carpet: DHL and Aramex, DDP and DAP (Amana refuses the 154 cm roll); the bowls: all three
    expect(
      options.rows.map((r) => [r.cooperative_id === azilal ? 'azilal' : 'safi', r.carrier, r.incoterm]),
    ).toEqual([
      ['azilal', 'aramex', 'DDP'],
      ['azilal', 'aramex', 'DAP'],
      ['azilal', 'dhl-express', 'DDP'],
      ['azilal', 'dhl-express', 'DAP'],
      ['safi', 'amana-ems', 'DAP'],
      ['safi', 'aramex', 'DDP'],
      ['safi', 'aramex', 'DAP'],
      ['safi', 'dhl-express', 'DDP'],
      ['safi', 'dhl-express', 'DAP'],
    ]);
    expect(options.rows.find((r) => r.cooperative_id === safi).items).toEqual([
      { variantId: v.bowls, quantity: 2 },
    ]);
    expect(options.rows.find((r) => r.cooperative_id === azilal).items).toEqual([
      { variantId: v.carpet, quantity: 1 },
    ]);
  });

  it('hands checkout the option it chose, in the quote currency and in MAD (the orders contract)', async () => {
    const { QuotesService } = loadNative<Shipping>('@souk/shipping');
    const { Sql } = loadNative<Platform>('@souk/platform');
    const quotes = t.app.get(QuotesService);
    const sql = t.app.get(Sql);
    const chosen = optionOf(body, safi, 'dhl-express', 'DDP');
    const option = await quotes.optionForCheckout(sql, chosen.id);
    const stored = (await t.db.query(`SELECT * FROM shipping_quote_option WHERE id = $1`, [chosen.id]))
      .rows[0];
    expect(option).toEqual({
      optionId: chosen.id,
      quoteId: body.id,
      cooperativeId: safi,
      carrier: 'dhl-express',
      service: 'express-worldwide',
      incoterm: 'DDP',
      transitDays: { min: 3, max: 5 },
      currency: 'USD',
      shipping: chosen.shipping,
      duties: chosen.duties,
      taxes: chosen.taxes,
      fees: chosen.fees,
      total: chosen.total,
      shippingMad: { amount: Number(stored.shipping_mad), currency: 'MAD' },
      dutiesMad: { amount: Number(stored.duties_mad), currency: 'MAD' },
      taxesMad: { amount: 0, currency: 'MAD' },
      feesMad: { amount: Number(stored.fees_mad), currency: 'MAD' },
      totalMad: chosen.totalMad,
      expiresAt: new Date(body.expiresAt),
      destination: { country: 'US', postalCode: '60614' },
      items: [{ variantId: v.bowls, quantity: 2 }],
    });
    expect(typeof option!.expiresAt.getTime).toBe('function'); // a Date (from the app's realm)
    expect(option!.totalMad.amount).toBe(
      option!.shippingMad.amount + option!.dutiesMad.amount + option!.feesMad.amount,
    );
    expect(await quotes.optionForCheckout(sql, 'not-a-uuid')).toBeUndefined();
    expect(await quotes.optionForCheckout(sql, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('is answered again as it was by GET /v1/shipping/quotes/:id', async () => {
    const res = await t.http().get(`/v1/shipping/quotes/${body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    expect((await t.http().get('/v1/shipping/quotes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await t.http().get('/v1/shipping/quotes/nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('converts to the currency the buyer asks for, through MAD, and lists every rate used', async () => {
    // US bowls in euros: 763.00 MAD → €70.58, 209.83 → €19.41; the $19.42 additional duty is 180.02 MAD → €16.65,
    // the $2.69 MPF 24.94 MAD → €2.31; DDP service 150.00 MAD → €13.88.
    const res = await quote(t, {
      destination: US,
      items: [{ variantId: v.bowls, quantity: 1 }],
      currency: 'EUR',
      incoterm: 'DDP',
    });
    expect(res.body.currency).toBe('EUR');
    expect(res.body.exchangeRates.map((r: any) => [r.currency, r.madPerUnit])).toEqual([
      ['EUR', '10.81000000'],
      ['USD', '9.27000000'],
    ]);
    const ddp = optionOf(res.body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp).map(([, code, amount]) => [code, amount])).toEqual([
      ['transport', 7058],
      ['fuel', 1941],
      ['duty', 0],
      ['us-additional-duty', 1665],
      ['mpf', 231],
      ['ddp-service', 1388],
    ]);
    expect(ddp.breakdown[3].original).toEqual(usd(1942));
    expect(ddp.total).toEqual(eur(12283));
    expect(res.body.quotes[0].options.every((o: any) => o.incoterm === 'DDP')).toBe(true);
  });

  it('adds the remote-area surcharge for an Anchorage postal code, fuel included on it', async () => {
    // DHL zone 4, 2 kg 763.00 MAD → $82.31; remote area 290.00 → $31.28; fuel 27.5% × 1,053.00 = 289.575 → 289.58 → $31.24.
    const res = await quote(t, {
      destination: { country: 'US', postalCode: '99501' },
      items: [{ variantId: v.bowls, quantity: 1 }],
    });
    const ddp = optionOf(res.body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp).slice(0, 3)).toEqual([
      ['shipping', 'transport', 8231, 'dhl-express/2026-01-01'],
      ['shipping', 'remote-area', 3128, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 3124, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[2]).toMatchObject({
      base: { amount: 105300, currency: 'MAD' },
      original: { amount: 28958, currency: 'MAD' },
    });
    expect(ddp.shipping).toEqual(usd(8231 + 3128 + 3124));
  });

  it("packs a cooperative's items together, and splits them for a carrier whose limits are tighter", async () => {
    // three poufs: one 940×540×540 box (3 × 2 kg + 300 g); EMS allows 300 cm length and girth: two boxes.
    const res = await quote(t, {
      destination: { country: 'FR', postalCode: '69001' },
      items: [{ variantId: v.pouf, quantity: 3 }],
    });
    const part = res.body.quotes[0];
    expect(part.parcels.map((p: any) => [p.dimensionsMm, p.weightGrams])).toEqual([
      [{ length: 940, width: 540, height: 540 }, 6300],
    ]);
    expect(optionOf(res.body, safi, 'dhl-express', 'DDP').parcels).toHaveLength(1);
    // €249.77 of poufs, above €150: import VAT, and EMS offers DAP only
    expect(
      optionOf(res.body, safi, 'amana-ems', 'DAP').parcels.map((p: any) => [p.dimensionsMm, p.weightGrams]),
    ).toEqual([
      [{ length: 640, width: 540, height: 540 }, 4300],
      [{ length: 540, width: 540, height: 340 }, 2300],
    ]);
  });
});

describe("partners' own parcels and customs lines", () => {
  const body = {
    destination: { country: 'DE', postalCode: '10115' },
    parcels: [{ weightGrams: 2500, dimensionsMm: { length: 300, width: 400, height: 200 } }],
    lines: [
      {
        hsCode: '6912.00',
        description: 'Glazed earthenware bowls',
        quantity: 4,
        value: { amount: 12000, currency: 'EUR' },
        preferentialOrigin: true,
      },
    ],
  };

  it('quotes them for anyone (and API keys), packed as given', async () => {
    // €120.00 → 1,297.20 MAD → €120.00 back. Parcel as given: 400×300×200 / 5000 = 4.8 kg → 5 kg;
    // DHL zone 1: 867.00 MAD → €80.20; fuel 238.43 → €22.06. VAT 19% × (120.00 + 102.26) = 42.2294 → €42.23.
    const key = await givenApiKey(t, admin, { scopes: ['orders:read'] });
    for (const auth of [undefined, key]) {
      const res = await quote(t, body, auth);
      expect(res.status).toBe(201);
      expect(res.body.currency).toBe('EUR');
      const part = res.body.quotes[0];
      expect(part).toMatchObject({ cooperativeId: null, items: [] });
      expect(part.parcels).toEqual([
        {
          weightGrams: 2500,
          dimensionsMm: { length: 400, width: 300, height: 200 },
          volumetricWeightGrams: 4800,
          chargeableWeightGrams: 5000,
        },
      ]);
      const ddp = optionOf(res.body, null, 'dhl-express', 'DDP');
      expect(lines(ddp)).toEqual([
        ['shipping', 'transport', 8020, 'dhl-express/2026-01-01'],
        ['shipping', 'fuel', 2206, 'dhl-express/2026-01-01'],
        ['duty', 'preferential-origin', 0, 'EU/2026-07-01'],
        ['tax', 'ioss-vat', 4223, 'EU/2026-07-01'],
      ]);
      expect(ddp.totalMad).toEqual({ amount: 156194, currency: 'MAD' });
      // a partner's quote is not a cooperative's: checkout cannot use it
      const { QuotesService } = loadNative<Shipping>('@souk/shipping');
      const { Sql } = loadNative<Platform>('@souk/platform');
      expect(await t.app.get(QuotesService).optionForCheckout(t.app.get(Sql), ddp.id)).toBeUndefined();
    }
  });

  it('charges the €3 flat duty when no preference is declared', async () => {
    const res = await quote(t, { ...body, lines: [{ ...body.lines[0], preferentialOrigin: false }] });
    expect(lines(optionOf(res.body, null, 'dhl-express', 'DDP'))[2]).toEqual([
      'duty',
      'eu-flat-duty',
      300,
      'EU/2026-07-01',
    ]);
  });

  it('refuses a wrong API key (401) rather than quoting anonymously', async () => {
    const res = await quote(t, body, 'Bearer sk_nope_nope');
    expect(res.status).toBe(401);
  });
});

describe('bad input: 400 problem+json naming the field, and nothing written', () => {
  const cases: [string, Record<string, unknown>, { field: string; message: string }[]][] = [
    [
      'no destination',
      { items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'destination', message: 'must be an object {country, postalCode}' }],
    ],
    [
      'a destination that is not an object',
      { destination: 'US', items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [
        { field: 'destination', message: 'must be an object {country, postalCode}' },
        { field: 'destination', message: 'nested property destination must be either object or array' },
      ],
    ],
    [
      'an unknown country code',
      { destination: { country: 'XX' }, items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'destination.country', message: 'XX is not an ISO 3166-1 country code' }],
    ],
    [
      'a country code in lower case',
      { destination: { country: 'us' }, items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'destination.country', message: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. US' }],
    ],
    [
      'Morocco itself',
      { destination: { country: 'MA' }, items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [
        {
          field: 'destination.country',
          message: 'is Morocco: Souk quotes exports; domestic delivery is arranged by the cooperative',
        },
      ],
    ],
    [
      'empty items',
      { destination: US, items: [] },
      [{ field: 'items', message: 'must have at least one item' }],
    ],
    [
      'neither items nor parcels',
      { destination: US },
      [{ field: 'items', message: 'must be a list of {variantId, quantity} (or give parcels and lines)' }],
    ],
    [
      'an unknown variant',
      { destination: US, items: [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] },
      [{ field: 'items[0].variantId', message: 'is not a variant of any product' }],
    ],
    [
      'a variant that is not a UUID',
      { destination: US, items: [{ variantId: 'bowls', quantity: 1 }] },
      [{ field: 'items[0].variantId', message: 'must be a variant id (UUID)' }],
    ],
    [
      'a draft product',
      { destination: US, items: [{ variantId: 'V:draft', quantity: 1 }] },
      [{ field: 'items[0].variantId', message: 'is not for sale (its product is draft)' }],
    ],
    [
      'a quantity above the stock not reserved',
      { destination: US, items: [{ variantId: 'V:scarce', quantity: 3 }] },
      [{ field: 'items[0].quantity', message: 'is above the 2 available' }],
    ],
    [
      'a quantity of 0',
      { destination: US, items: [{ variantId: 'V:bowls', quantity: 0 }] },
      [{ field: 'items[0].quantity', message: 'must be an integer from 1 to 100' }],
    ],
    [
      'the same variant twice',
      {
        destination: US,
        items: [
          { variantId: 'V:bowls', quantity: 1 },
          { variantId: 'V:bowls', quantity: 2 },
        ],
      },
      [{ field: 'items[1].variantId', message: 'repeats items[0]: give one line per variant' }],
    ],
    [
      'an unknown currency',
      { destination: US, currency: 'XYZ', items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'currency', message: 'XYZ is not a currency Souk quotes in' }],
    ],
    [
      'a currency without a rate',
      { destination: US, currency: 'JPY', items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'currency', message: `has no exchange rate on ${today()}: JPY is not supported` }],
    ],
    [
      'an incoterm that is not one',
      { destination: US, incoterm: 'EXW', items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [{ field: 'incoterm', message: 'must be DDP or DAP' }],
    ],
    [
      'Canada without a postal code',
      { destination: { country: 'CA' }, items: [{ variantId: 'V:bowls', quantity: 1 }] },
      [
        {
          field: 'destination.postalCode',
          message: 'is required for Canada: it decides between GST and HST',
        },
      ],
    ],
    [
      'items and parcels together',
      {
        destination: US,
        items: [{ variantId: 'V:bowls', quantity: 1 }],
        parcels: [{ weightGrams: 100, dimensionsMm: { length: 10, width: 10, height: 10 } }],
        lines: [{ hsCode: '691200', description: 'x', quantity: 1, value: { amount: 100, currency: 'MAD' } }],
      },
      [{ field: 'parcels', message: 'cannot be given with items: quote a cart or parcels' }],
    ],
    [
      'parcels without customs lines',
      {
        destination: US,
        parcels: [{ weightGrams: 100, dimensionsMm: { length: 10, width: 10, height: 10 } }],
      },
      [{ field: 'lines', message: 'must be a list of customs lines (required with parcels)' }],
    ],
    [
      'a parcel too heavy for any carrier',
      {
        destination: US,
        parcels: [{ weightGrams: 400_000, dimensionsMm: { length: 1000, width: 1000, height: 1000 } }],
        lines: [{ hsCode: '691200', description: 'x', quantity: 1, value: { amount: 100, currency: 'MAD' } }],
      },
      [
        {
          field: 'parcels',
          message:
            'has no carrier for these parcels to US: dhl-express: DHL Express Worldwide: a piece of 400 kg is above its 300 kg limit; aramex: Aramex Priority Parcel Express: a piece of 400 kg is above its 70 kg limit; amana-ems: Amana International Express (EMS): a piece of 400 kg is above its 30 kg limit',
        },
      ],
    ],
  ];

  it.each(cases)('%s', async (_what, request, errors) => {
    const before = await count('shipping_quote');
    const body = JSON.parse(JSON.stringify(request).replace(/"V:(\w+)"/g, (_m, k) => JSON.stringify(v[k])));
    const res = await quote(t, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(errors);
    expect(await count('shipping_quote')).toBe(before);
  });
});

describe('the public contract', () => {
  it('is in the OpenAPI document', async () => {
    const res = await t.http().get('/docs-json');
    expect(Object.keys(res.body.paths['/v1/shipping/quotes'])).toEqual(['post']);
    expect(res.body.paths['/v1/shipping/quotes/{id}']).toHaveProperty('get');
    expect(res.body.components.schemas.CreateQuoteDto.properties).toHaveProperty('destination');
    expect(res.body.components.schemas.OptionView.properties).toHaveProperty('breakdown');
  });
});

describe('rule sets are data', () => {
  it('loads every version of libs/shipping/src/data into shipping_rule_set', async () => {
    const { SHIPPING_RULE_SETS } = loadNative<Data>('@souk/shipping/data');
    const { rows } = await t.db.query(`SELECT version FROM shipping_rule_set ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(SHIPPING_RULE_SETS.map((s) => s.version).sort());
  });

  it('takes a new version from its effective date, without a code change', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    // the same rules with the additional duty at 15% from today, and at 25% from tomorrow
    for (const [day, rate] of [
      [today(), '0.15'],
      [tomorrow, '0.25'],
    ]) {
      await t.db.query(
        `INSERT INTO shipping_rule_set (version, kind, subject, effective_from, effective_to, source, data)
         SELECT $1, kind, subject, $2::date, NULL, 'test: a rule change', jsonb_set(data, '{additionalDuty,rate}', to_jsonb($3::text))
           FROM shipping_rule_set WHERE version = 'US/2026-07-24'`,
        [`US/${day}-test`, day, rate],
      );
    }
    reloadRules(t);
    try {
      const res = await quote(t, { destination: US, items: [{ variantId: v.bowls, quantity: 1 }] });
      // 15% × $194.17 = 29.1255 → $29.13
      expect(lines(optionOf(res.body, safi, 'dhl-express', 'DDP'))[3]).toEqual([
        'duty',
        'us-additional-duty',
        2913,
        `US/${today()}-test`,
      ]);
      expect(res.body.quotes[0].rules.duties).toBe(`US/${today()}-test`);
    } finally {
      await t.db.query(`DELETE FROM shipping_rule_set WHERE source = 'test: a rule change'`);
      reloadRules(t);
    }
    const back = await quote(t, { destination: US, items: [{ variantId: v.bowls, quantity: 1 }] });
    expect(lines(optionOf(back.body, safi, 'dhl-express', 'DDP'))[3]).toEqual([
      'duty',
      'us-additional-duty',
      1942,
      'US/2026-07-24',
    ]);
  });
});
