import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  cad,
  eur,
  gbp,
  givenCoop,
  givenGoods,
  lines,
  mad,
  optionOf,
  pinRates,
  quote,
  usd,
} from '../support/shipping-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The destination table, worked by hand. Rates pinned for today: 1 USD = 9.27 MAD, 1 EUR = 10.81,
 * 1 GBP = 12.29, 1 CAD = 6.61, 1 AED = 2.524, 1 SAR = 2.472. Every conversion rounds half away from
 * zero, line by line: 763.00 MAD → USD is 76300 / 9.27 = 8230.87 → 8231 cents.
 *
 * Parcels (packing/2026-01-01: +40 mm per side, +300 g):
 *   Safi bowls 1.2 kg, 240×240×80 → 280×280×120 mm, 1.5 kg.
 *     DHL (5000): 280·280·120 / 5000 = 1881.6 → 1882 g; chargeable 2 kg.
 *     Aramex, Amana (6000): 1568 g; chargeable 2 kg.
 *   Azilal carpet 9 kg, rolled 1500×300×300 → 1540×340×340 mm, 9.3 kg.
 *     DHL: 178,024,000 / 5000 = 35604.8 → 35605 g; chargeable 36 kg; over 120 cm: oversize.
 *     Aramex: 29670.7 → 29671 g; chargeable 30 kg; oversize. Amana: 154 cm > its 150 cm: refused.
 *   Fès leather bag 0.8 kg, 350×300×150 → 390×340×190 mm, 1.1 kg.
 *     DHL: 25,194,000 / 5000 = 5038.8 → 5039 g; chargeable 5.5 kg.
 */
let t: TestApp;
let safi: string;
let azilal: string;
let fes: string;
const goods: Record<string, string> = {};

const BOWLS = {
  title: 'Safi serving bowls',
  hsCode: '691200',
  weightGrams: 1200,
  dimensionsMm: [240, 240, 80] as [number, number, number],
};

beforeAll(async () => {
  t = await startTestApp();
  await pinRates(t);
  safi = await givenCoop(t, 'Safi');
  azilal = await givenCoop(t, 'Azilal', 'beni-mellal-khenifra');
  fes = await givenCoop(t, 'Fès', 'fes-meknes');
  goods.bowls1200 = await givenGoods(t, safi, { ...BOWLS, price: 120000 });
  goods.bowls1800 = await givenGoods(t, safi, { ...BOWLS, price: 180000 });
  goods.bowls2500 = await givenGoods(t, safi, { ...BOWLS, price: 250000 });
  goods.carpet = await givenGoods(t, azilal, {
    title: 'Azilal wool carpet',
    hsCode: '570110',
    craft: 'carpet',
    price: 1200000,
    weightGrams: 9000,
    dimensionsMm: [1500, 300, 300],
  });
  goods.bigCarpet = await givenGoods(t, azilal, {
    title: 'Beni Ourain carpet',
    hsCode: '570110',
    craft: 'carpet',
    price: 3000000,
    weightGrams: 9000,
    dimensionsMm: [1500, 300, 300],
  });
  goods.bag = await givenGoods(t, fes, {
    title: 'Fes leather bag',
    hsCode: '420221',
    craft: 'leather',
    price: 250000,
    weightGrams: 800,
    dimensionsMm: [350, 300, 150],
  });
});
afterAll(async () => {
  await t?.close();
});

const ask = async (
  country: string,
  postalCode: string | null,
  items: [string, number][],
  extra: Record<string, unknown> = {},
) => {
  const res = await quote(t, {
    destination: { country, postalCode },
    items: items.map(([k, quantity]) => ({ variantId: goods[k], quantity })),
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
};

const totals = (o: any) => ({
  shipping: o.shipping,
  duties: o.duties,
  taxes: o.taxes,
  fees: o.fees,
  total: o.total,
  owedOnDelivery: o.owedOnDelivery,
  totalMad: o.totalMad,
});

const storedMad = async (optionId: string) =>
  (
    await t.db.query(
      `SELECT shipping_mad::int AS shipping, duties_mad::int AS duties, taxes_mad::int AS taxes, fees_mad::int AS fees,
              total_mad::int AS total, total_amount::int AS "totalQuoted", currency, incoterm
         FROM shipping_quote_option WHERE id = $1`,
      [optionId],
    )
  ).rows[0];

describe('United States: no de minimis since 29 Aug 2025, FTA duty-free, 10% additional duty, MPF', () => {
  // The Chicago buyer of the issue: a carpet from Azilal and bowls from Safi, one request, two parcels.
  let body: any;
  beforeAll(async () => {
    body = await ask('US', '60614', [
      ['carpet', 1],
      ['bowls1800', 1],
    ]);
  });

  it('quotes each cooperative separately, in dollars at the pinned rate', () => {
    expect(body.currency).toBe('USD');
    expect(body.exchangeRates[0]).toMatchObject({ currency: 'USD', madPerUnit: '9.27000000' });
    expect(body.quotes.map((q: any) => q.cooperativeId)).toEqual([azilal, safi]);
    expect(body.quotes[0].parcels).toEqual([
      {
        weightGrams: 9300,
        dimensionsMm: { length: 1540, width: 340, height: 340 },
        volumetricWeightGrams: 35605,
        chargeableWeightGrams: 36000,
      },
    ]);
    expect(body.quotes[1].parcels).toEqual([
      {
        weightGrams: 1500,
        dimensionsMm: { length: 280, width: 280, height: 120 },
        volumetricWeightGrams: 1882,
        chargeableWeightGrams: 2000,
      },
    ]);
  });

  it('under the old $800 line: bowls at 1,800.00 MAD still pay the additional duty and the MPF', async () => {
    // goods 180000 / 9.27 = 19417.48 → $194.17, under $800 and under $2,500 (informal entry).
    // DHL zone 4, 2 kg: 763.00 MAD → $82.31; fuel 27.5% × 763.00 = 209.825 → 209.83 MAD → $22.64.
    // duty 6912.00 free under the FTA; additional 10% × 194.17 = 19.417 → $19.42; MPF $2.69;
    // DHL DDP service 150.00 MAD → $16.18.
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 8231, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 2264, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 0, 'US/2026-07-24'],
      ['duty', 'us-additional-duty', 1942, 'US/2026-07-24'],
      ['fee', 'mpf', 269, 'US/2026-07-24'],
      ['fee', 'ddp-service', 1618, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[1]).toMatchObject({
      rate: '0.275',
      base: mad(76300),
      original: mad(20983),
      payable: 'checkout',
    });
    expect(ddp.breakdown[2]).toMatchObject({ rate: '0', base: usd(19417) });
    expect(ddp.breakdown[2].label).toMatch(/free under the US–Morocco FTA .*general rate 9\.8%/);
    expect(ddp.breakdown[3]).toMatchObject({ rate: '0.10', base: usd(19417) });
    // shipping 82.31 + 22.64; fees 2.69 + 16.18; total = 104.95 + 19.42 + 18.87
    expect(totals(ddp)).toEqual({
      shipping: usd(10495),
      duties: usd(1942),
      taxes: usd(0),
      fees: usd(1887),
      total: usd(14324),
      owedOnDelivery: usd(0),
      // MAD: 972.83 shipping + 19.42 × 9.27 = 180.02 + fees 2.69 × 9.27 = 24.94 and 150.00
      totalMad: mad(132779),
    });
    expect(await storedMad(ddp.id)).toEqual({
      shipping: 97283,
      duties: 18002,
      taxes: 0,
      fees: 17494,
      total: 132779,
      totalQuoted: 14324,
      currency: 'USD',
      incoterm: 'DDP',
    });

    // DAP: the buyer pays shipping now, and the duty and the MPF to the carrier on delivery.
    const dap = optionOf(body, safi, 'dhl-express', 'DAP');
    expect(totals(dap)).toEqual({
      shipping: usd(10495),
      duties: usd(1942),
      taxes: usd(0),
      fees: usd(0),
      total: usd(10495),
      owedOnDelivery: usd(2211),
      totalMad: mad(97283),
    });
    expect(
      dap.breakdown.filter((l: any) => l.kind !== 'shipping').every((l: any) => l.payable === 'delivery'),
    ).toBe(true);

    // Aramex zone D 2 kg 448.00 MAD + fuel 22% 98.56 = 546.56 MAD → $48.33 + $10.63; DDP fee 100.00 MAD → $10.79.
    expect(totals(optionOf(body, safi, 'aramex', 'DDP'))).toMatchObject({
      shipping: usd(5896),
      total: usd(5896 + 1942 + 269 + 1079),
    });
    // Amana zone 3 2 kg 321.00 MAD → $34.63; a postal service without DDP: DAP only.
    expect(totals(optionOf(body, safi, 'amana-ems', 'DAP'))).toMatchObject({
      total: usd(3463),
      owedOnDelivery: usd(2211),
    });
    expect(
      body.quotes[1].options.filter((o: any) => o.carrier === 'amana-ems').map((o: any) => o.incoterm),
    ).toEqual(['DAP']);
  });

  it('over the old $800 line: a 12,000.00 MAD carpet, oversize and volumetric, informal entry', () => {
    // goods 1200000 / 9.27 = 129449.8 → $1,294.50 (over $800, under $2,500).
    // DHL zone 4, 36 kg: 1,924.00 + 26 kg × 128.00 = 5,252.00 MAD → $566.56; oversize 380.00 → $40.99;
    // fuel 27.5% × 5,632.00 = 1,548.80 MAD → $167.08. Additional duty 10% × 1,294.50 = $129.45.
    const ddp = optionOf(body, azilal, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 56656, 'dhl-express/2026-01-01'],
      ['shipping', 'oversize', 4099, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 16708, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 0, 'US/2026-07-24'],
      ['duty', 'us-additional-duty', 12945, 'US/2026-07-24'],
      ['fee', 'mpf', 269, 'US/2026-07-24'],
      ['fee', 'ddp-service', 1618, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[0].label).toContain('36 kg chargeable');
    expect(ddp.breakdown[2]).toMatchObject({ base: mad(563200), original: mad(154880) });
    expect(totals(ddp)).toEqual({
      shipping: usd(77463),
      duties: usd(12945),
      taxes: usd(0),
      fees: usd(1887),
      total: usd(92295),
      owedOnDelivery: usd(0),
      // 7,180.80 + 129.45 × 9.27 = 1,200.00 (1,200.0015) + 24.94 + 150.00
      totalMad: mad(855574),
    });
    // Aramex: zone D 30 kg = 1,373.00 + 20 kg × 117.70 = 3,727.00 MAD; oversize 250.00; fuel 22% = 874.94.
    const aramex = optionOf(body, azilal, 'aramex', 'DDP');
    expect(lines(aramex).slice(0, 3)).toEqual([
      ['shipping', 'transport', 40205, 'aramex/2026-01-01'],
      ['shipping', 'oversize', 2697, 'aramex/2026-01-01'],
      ['shipping', 'fuel', 9438, 'aramex/2026-01-01'],
    ]);
    expect(aramex.total).toEqual(usd(52340 + 12945 + 269 + 1079));
    // Amana cannot take a 154 cm roll.
    expect(body.quotes[0].unavailable).toEqual([
      {
        carrier: 'amana-ems',
        reason: 'Amana International Express (EMS): a piece of 154 cm is above its 150 cm longest-side limit',
      },
    ]);
  });

  it('over $2,500: a formal entry, MPF 0.3464% held at its $33.58 minimum', async () => {
    // goods 3000000 / 9.27 = 323624.6 → $3,236.25; 0.3464% = $11.21 → minimum $33.58; additional 10% = $323.63 (323.625).
    const big = await ask('US', '60614', [['bigCarpet', 1]]);
    const ddp = optionOf(big, azilal, 'dhl-express', 'DDP');
    expect(ddp.breakdown.filter((l: any) => l.kind === 'duty' || l.code === 'mpf')).toEqual([
      expect.objectContaining({ code: 'duty', amount: usd(0), base: usd(323625) }),
      expect.objectContaining({ code: 'us-additional-duty', amount: usd(32363) }),
      expect.objectContaining({ code: 'mpf', rate: '0.003464', base: usd(323625), amount: usd(3358) }),
    ]);
    expect(ddp.total).toEqual(usd(77463 + 32363 + 3358 + 1618));
  });
});

describe('France (EU): IOSS up to €150, import VAT above', () => {
  it('under €150: VAT 20% on goods and delivery at checkout, no duty for Moroccan origin, €2 French fee; DDP only', async () => {
    // goods 120000 / 10.81 = 11100.8 → €111.01. DHL zone 1, 2 kg: 551.00 MAD → €50.97; fuel 151.53 → €14.02.
    // VAT 20% × (111.01 + 64.99) = 20% × 176.00 = €35.20. French handling fee €2.00 × 1 line.
    const body = await ask('FR', '75011', [['bowls1200', 1]]);
    expect(body.currency).toBe('EUR');
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 5097, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 1402, 'dhl-express/2026-01-01'],
      ['duty', 'preferential-origin', 0, 'EU/2026-07-01'],
      ['fee', 'national-handling-fee', 200, 'EU/2026-07-01'],
      ['tax', 'ioss-vat', 3520, 'EU/2026-07-01'],
    ]);
    expect(ddp.breakdown[4]).toMatchObject({ rate: '0.20', base: eur(17600) });
    expect(totals(ddp)).toEqual({
      shipping: eur(6499),
      duties: eur(0),
      taxes: eur(3520),
      fees: eur(200),
      total: eur(10219),
      owedOnDelivery: eur(0),
      // 702.53 + 35.20 × 10.81 = 380.51 + 2.00 × 10.81 = 21.62
      totalMad: mad(110466),
    });
    // Every carrier is DDP: the marketplace collects the VAT; the buyer is told why there is no DAP.
    expect(body.quotes[0].options.map((o: any) => `${o.carrier}/${o.incoterm}`)).toEqual([
      'dhl-express/DDP',
      'aramex/DDP',
      'amana-ems/DDP',
    ]);
    expect(body.quotes[0].notices).toEqual([
      'VAT is collected at checkout under IOSS for consignments up to €150.00: every option is DDP',
    ]);
    // Aramex zone B 2 kg 307.00 + fuel 67.54 MAD → €28.40 + €6.25; VAT 20% × (111.01 + 34.65) = 29.132 → €29.13.
    expect(optionOf(body, safi, 'aramex', 'DDP').total).toEqual(eur(3465 + 2913 + 200));
    // Amana zone 1 2 kg 229.00 MAD → €21.18; VAT 20% × 132.19 = €26.44.
    expect(optionOf(body, safi, 'amana-ems', 'DDP').total).toEqual(eur(2118 + 2644 + 200));
  });

  it('asked for DAP under €150: DDP options with a notice, since VAT must be collected at checkout', async () => {
    const body = await ask('FR', '75011', [['bowls1200', 1]], { incoterm: 'DAP' });
    expect(body.quotes[0].options.every((o: any) => o.incoterm === 'DDP')).toBe(true);
    expect(body.quotes[0].notices).toContain(
      'No DAP option: VAT is collected at checkout under IOSS for consignments up to €150.00: every option is DDP',
    );
  });

  it('over €150: import VAT on customs value and duty, duty 0 for Moroccan origin; DDP or DAP', async () => {
    // goods 250000 / 10.81 = 23126.7 → €231.27; customs value 231.27 + 64.99 = €296.26; duty 0;
    // import VAT 20% × 296.26 = 59.252 → €59.25; DHL DDP service 150.00 MAD → €13.88.
    const body = await ask('FR', '75011', [['bowls2500', 1]]);
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 5097, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 1402, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 0, 'EU/2026-07-01'],
      ['tax', 'import-vat', 5925, 'EU/2026-07-01'],
      ['fee', 'ddp-service', 1388, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[2]).toMatchObject({ rate: '0', base: eur(29626) });
    expect(ddp.breakdown[2].label).toMatch(/free, Moroccan preferential origin .*third-country rate 9%/);
    expect(ddp.breakdown[3]).toMatchObject({ rate: '0.20', base: eur(29626) });
    expect(totals(ddp)).toEqual({
      shipping: eur(6499),
      duties: eur(0),
      taxes: eur(5925),
      fees: eur(1388),
      total: eur(13812),
      owedOnDelivery: eur(0),
      // 702.53 + 59.25 × 10.81 = 640.49 + 150.00
      totalMad: mad(149302),
    });
    expect(totals(optionOf(body, safi, 'dhl-express', 'DAP'))).toEqual({
      shipping: eur(6499),
      duties: eur(0),
      taxes: eur(5925),
      fees: eur(0),
      total: eur(6499),
      owedOnDelivery: eur(5925),
      totalMad: mad(70253),
    });
    // Amana: DAP only; VAT 20% × (231.27 + 21.18) = 50.49 owed on delivery.
    expect(totals(optionOf(body, safi, 'amana-ems', 'DAP'))).toMatchObject({
      total: eur(2118),
      owedOnDelivery: eur(5049),
    });
    expect(body.quotes[0].notices).toEqual([]);
  });
});

describe('United Kingdom: VAT at the point of sale up to £135, import VAT and duty above', () => {
  it('under £135: UK VAT 20% on goods and delivery at checkout, no duty', async () => {
    // goods 120000 / 12.29 = 9763.2 → £97.64; DHL 551.00 → £44.83, fuel 151.53 → £12.33;
    // VAT 20% × (97.64 + 57.16) = 20% × 154.80 = £30.96.
    const body = await ask('GB', 'SW1A 1AA', [['bowls1200', 1]]);
    expect(body.currency).toBe('GBP');
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 4483, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 1233, 'dhl-express/2026-01-01'],
      ['duty', 'no-duty', 0, 'GB/2025-01-01'],
      ['tax', 'uk-vat', 3096, 'GB/2025-01-01'],
    ]);
    expect(ddp.breakdown[3]).toMatchObject({ rate: '0.20', base: gbp(15480) });
    // 702.53 + 30.96 × 12.29 = 380.50
    expect(totals(ddp)).toMatchObject({
      shipping: gbp(5716),
      taxes: gbp(3096),
      total: gbp(8812),
      totalMad: mad(108303),
    });
    expect(body.quotes[0].options.every((o: any) => o.incoterm === 'DDP')).toBe(true);
  });

  it('over £135: import VAT on goods, transport and duty; duty 0 for Moroccan origin', async () => {
    // goods 250000 / 12.29 = 20341.7 → £203.42. DHL zone 1, 5.5 kg: 918.00 → £74.69; fuel 252.45 → £20.54.
    // customs value 203.42 + 95.23 = £298.65; duty 0; import VAT 20% = £59.73; DDP service 150.00 → £12.21.
    const body = await ask('GB', 'SW1A 1AA', [['bag', 1]]);
    const ddp = optionOf(body, fes, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 7469, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 2054, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 0, 'GB/2025-01-01'],
      ['tax', 'import-vat', 5973, 'GB/2025-01-01'],
      ['fee', 'ddp-service', 1221, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[0].label).toContain('5.5 kg chargeable');
    expect(ddp.breakdown[3]).toMatchObject({ base: gbp(29865) });
    // 1,170.45 + 59.73 × 12.29 = 734.08 + 150.00
    expect(totals(ddp)).toMatchObject({
      shipping: gbp(9523),
      taxes: gbp(5973),
      fees: gbp(1221),
      total: gbp(16717),
      totalMad: mad(205453),
    });
    expect(totals(optionOf(body, fes, 'dhl-express', 'DAP'))).toMatchObject({
      total: gbp(9523),
      owedOnDelivery: gbp(5973),
    });
  });
});

describe('Canada, the Gulf and the rest of the world', () => {
  it('Canada (Ontario): MFN duty on value for duty and HST 13% on value plus duty', async () => {
    // goods 180000 / 6.61 = 27231.5 → CA$272.31 (over CA$20). Duty 7% = 19.06 (19.0617);
    // HST 13% × 291.37 = 37.878 → CA$37.88. DHL 763.00 → CA$115.43, fuel 209.83 → CA$31.74; DDP 150.00 → CA$22.69.
    const body = await ask('CA', 'M5V 2T6', [['bowls1800', 1]]);
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 11543, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 3174, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 1906, 'CA/2025-04-01'],
      ['tax', 'hst', 3788, 'CA/2025-04-01'],
      ['fee', 'ddp-service', 2269, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[3]).toMatchObject({
      rate: '0.13',
      base: cad(29137),
      label: expect.stringContaining('Ontario'),
    });
    // 972.83 + 19.06 × 6.61 = 125.99 + 37.88 × 6.61 = 250.39 + 150.00
    expect(totals(ddp)).toMatchObject({ total: cad(22680), totalMad: mad(149921) });
    expect(totals(optionOf(body, safi, 'dhl-express', 'DAP'))).toMatchObject({
      total: cad(14717),
      owedOnDelivery: cad(5694),
    });
  });

  it('United Arab Emirates: 5% duty only when CIF passes AED 1,000, which DHL’s freight does and Aramex’s does not', async () => {
    // goods 180000 / 2.524 = 71315.4 → AED 713.15. DHL zone 3: 658.00 → 260.70, fuel 180.95 → 71.69;
    // CIF 713.15 + 332.39 = 1,045.54 > 1,000: duty 5% = 52.277 → 52.28; VAT 5% × 1,097.82 = 54.891 → 54.89;
    // DDP service 150.00 → AED 59.43.
    const body = await ask('AE', null, [['bowls1800', 1]]);
    expect(body.currency).toBe('AED');
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 26070, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 7169, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 5228, 'GCC/2023-03-01'],
      ['tax', 'import-vat', 5489, 'GCC/2023-03-01'],
      ['fee', 'ddp-service', 5943, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[2]).toMatchObject({ base: { amount: 104554, currency: 'AED' } });
    // 838.95 + 52.28 × 2.524 = 131.95 + 54.89 × 2.524 = 138.54 + 150.00
    expect(totals(ddp)).toMatchObject({ total: { amount: 49899, currency: 'AED' }, totalMad: mad(125944) });
    // Aramex zone A: 250.00 + 55.00 MAD → AED 99.05 + 21.79; CIF 834.00 ≤ 1,000: no duty; VAT 41.70; DDP 100.00 → 39.62.
    const aramex = optionOf(body, safi, 'aramex', 'DDP');
    expect(lines(aramex).slice(2)).toEqual([
      ['duty', 'duty-exempt', 0, 'GCC/2023-03-01'],
      ['tax', 'import-vat', 4170, 'GCC/2023-03-01'],
      ['fee', 'ddp-service', 3962, 'aramex/2026-01-01'],
    ]);
    expect(aramex.total).toEqual({ amount: 12084 + 4170 + 3962, currency: 'AED' });
  });

  it('Saudi Arabia: duty from SAR 1,000 CIF and VAT 15% on every import', async () => {
    // goods 180000 / 2.472 = 72815.5 → SAR 728.16; DHL 658.00 → 266.18, fuel 180.95 → 73.20; CIF 1,067.54;
    // duty 5% = 53.377 → 53.38; VAT 15% × 1,120.92 = 168.138 → 168.14; DDP 150.00 → 60.68.
    const body = await ask('SA', '11564', [['bowls1800', 1]]);
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 26618, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 7320, 'dhl-express/2026-01-01'],
      ['duty', 'duty', 5338, 'GCC/2023-03-01'],
      ['tax', 'import-vat', 16814, 'GCC/2023-03-01'],
      ['fee', 'ddp-service', 6068, 'dhl-express/2026-01-01'],
    ]);
    // 838.95 + 53.38 × 2.472 = 131.96 + 168.14 × 2.472 = 415.64 + 150.00
    expect(totals(ddp)).toMatchObject({ total: { amount: 62158, currency: 'SAR' }, totalMad: mad(153655) });
  });

  it('a destination without a rule set (Japan): shipping only, a line saying duties are not estimated, DAP only', async () => {
    // DHL zone 5, 2 kg: 833.00 MAD → $89.86; fuel 229.08 → $24.71.
    const body = await ask('JP', '150-0001', [['bowls1800', 1]]);
    expect(body.currency).toBe('USD');
    const dap = optionOf(body, safi, 'dhl-express', 'DAP');
    expect(lines(dap)).toEqual([
      ['shipping', 'transport', 8986, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 2471, 'dhl-express/2026-01-01'],
      ['notice', 'duties-not-estimated', 0, 'ROW/2025-01-01'],
    ]);
    expect(dap.breakdown[2].label).toBe(
      'Duties and taxes are not estimated for this destination: the buyer may owe them on delivery (JP)',
    );
    expect(totals(dap)).toMatchObject({
      duties: usd(0),
      taxes: usd(0),
      total: usd(11457),
      owedOnDelivery: usd(0),
    });
    expect(body.quotes[0].options.map((o: any) => `${o.carrier}/${o.incoterm}`)).toEqual([
      'dhl-express/DAP',
      'aramex/DAP',
      'amana-ems/DAP',
    ]);
    expect(optionOf(body, safi, 'aramex', 'DAP').total).toEqual(usd(7054));
    expect(optionOf(body, safi, 'amana-ems', 'DAP').total).toEqual(usd(3873));
  });

  it('a destination no carrier serves: 400 naming destination.country, with every carrier’s reason', async () => {
    const res = await quote(t, {
      destination: { country: 'KP', postalCode: null },
      items: [{ variantId: goods.bowls1200, quantity: 1 }],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      {
        field: 'destination.country',
        message: `has no carrier for cooperative ${safi}'s parcels to KP: dhl-express: DHL Express Worldwide does not serve KP; aramex: Aramex Priority Parcel Express does not serve KP; amana-ems: Amana International Express (EMS) does not serve KP`,
      },
    ]);
  });
});
