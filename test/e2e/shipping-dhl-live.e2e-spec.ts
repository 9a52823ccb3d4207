import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeDhl } from '../fakes/dhl-express';
import {
  givenCoop,
  givenGoods,
  lines,
  mad,
  optionOf,
  pinRates,
  quote,
  today,
  usd,
} from '../support/shipping-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * DHL Express priced live by MyDHL (the fake in test/fakes/dhl-express.ts), and the rate card when
 * MyDHL fails, throttles or is slower than DHL_TIMEOUT_MS. The other options are untouched.
 *
 * Safi bowls, one parcel 280×280×120 mm, 1.5 kg → MyDHL package 28×28×12 cm, 1.5 kg.
 * The fake's price: volumetric 9408 cm³ / 5000 = 1.8816 kg → 1882 g; 400.00 + 80.00 × 1.882 = 550.56 MAD;
 * fuel 25% = 137.64 MAD. In dollars at 9.27: 55056 / 9.27 = 5939.2 → $59.39; 13764 / 9.27 = 1484.8 → $14.85.
 */
let t: TestApp;
let fake: FakeDhl;
let safi: string;
let bowls: string;

const ask = () =>
  quote(t, {
    destination: { country: 'US', postalCode: '60614', city: 'Chicago' },
    items: [{ variantId: bowls, quantity: 1 }],
  });

beforeAll(async () => {
  fake = await new FakeDhl('souk-test-key', 'souk-test-secret').start();
  t = await startTestApp({
    env: {
      DHL_API_URL: fake.url,
      DHL_API_KEY: 'souk-test-key',
      DHL_API_SECRET: 'souk-test-secret',
      DHL_ACCOUNT_NUMBER: '123456789',
      DHL_TIMEOUT_MS: '400',
    },
  });
  await pinRates(t);
  safi = await givenCoop(t, 'Safi');
  bowls = await givenGoods(t, safi, {
    title: 'Safi serving bowls',
    hsCode: '691200',
    price: 180000,
    weightGrams: 1200,
    dimensionsMm: [240, 240, 80],
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.stop();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

describe('MyDHL live rates', () => {
  it('prices DHL from MyDHL, sending the packed parcel, the addresses, the account and the declared value', async () => {
    const res = await ask();
    expect(res.status).toBe(201);
    const ddp = optionOf(res.body, safi, 'dhl-express', 'DDP');
    expect(ddp.rateSource).toBe('live');
    expect(ddp.transitDays).toEqual({ min: 3, max: 3 });
    expect(lines(ddp)).toEqual([
      ['shipping', 'transport', 5939, `mydhl-api/${today()}`],
      ['shipping', 'fuel', 1485, `mydhl-api/${today()}`],
      ['duty', 'duty', 0, 'US/2026-07-24'],
      ['duty', 'us-additional-duty', 1942, 'US/2026-07-24'],
      ['fee', 'mpf', 269, 'US/2026-07-24'],
      ['fee', 'ddp-service', 1618, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[0]).toMatchObject({
      original: mad(55056),
      label: expect.stringContaining('EXPRESS WORLDWIDE'),
    });
    expect(ddp.breakdown[1].label).toContain('FUEL SURCHARGE');
    expect(ddp.total).toEqual(usd(5939 + 1485 + 1942 + 269 + 1618));
    // Aramex and Amana keep their cards.
    expect(optionOf(res.body, safi, 'aramex', 'DDP').rateSource).toBe('card');

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from('souk-test-key:souk-test-secret').toString('base64')}`,
    );
    expect(sent.body).toMatchObject({
      customerDetails: {
        shipperDetails: { cityName: 'Safi', countryCode: 'MA' },
        receiverDetails: { postalCode: '60614', cityName: 'Chicago', countryCode: 'US' },
      },
      accounts: [{ typeCode: 'shipper', number: '123456789' }],
      productCode: 'P',
      unitOfMeasurement: 'metric',
      isCustomsDeclarable: true,
      monetaryAmount: [{ typeCode: 'declaredValue', value: 1800, currency: 'MAD' }],
      packages: [{ weight: 1.5, dimensions: { length: 28, width: 28, height: 12 } }],
    });
    expect(sent.body.plannedShippingDateAndTime).toMatch(/^\d{4}-\d{2}-\d{2}T10:00:00GMT\+01:00$/);
  });

  it('converts a bill in another currency to MAD, then to the quote currency', async () => {
    fake.mode = 'billed-in-eur';
    const res = await ask();
    // €55.06 × 10.81 = 595.1986 → 595.20 MAD → $64.21; €13.76 × 10.81 = 148.7456 → 148.75 MAD → $16.05.
    const dap = optionOf(res.body, safi, 'dhl-express', 'DAP');
    expect(lines(dap).slice(0, 2)).toEqual([
      ['shipping', 'transport', 6421, `mydhl-api/${today()}`],
      ['shipping', 'fuel', 1605, `mydhl-api/${today()}`],
    ]);
    expect(dap.breakdown[0].original).toEqual(mad(59520));
    expect(dap.total).toEqual(usd(8026));
  });

  // The card's figures for these bowls (see shipping-destinations): 763.00 + 209.83 MAD → $82.31 + $22.64.
  const fellBack = (body: any, why: RegExp) => {
    const ddp = optionOf(body, safi, 'dhl-express', 'DDP');
    expect(ddp.rateSource).toBe('card');
    expect(lines(ddp).slice(0, 3)).toEqual([
      ['shipping', 'transport', 8231, 'dhl-express/2026-01-01'],
      ['shipping', 'fuel', 2264, 'dhl-express/2026-01-01'],
      ['notice', 'live-rate-unavailable', 0, 'dhl-express/2026-01-01'],
    ]);
    expect(ddp.breakdown[2].label).toMatch(why);
    expect(ddp.total).toEqual(usd(14324));
  };

  it('falls back to the card when MyDHL is slower than DHL_TIMEOUT_MS, and answers without waiting for it', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    const res = await ask();
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(3_000);
    fellBack(res.body, /did not answer within 400 ms\); priced from the rate card/);
  });

  it('falls back to the card on a 5xx, a 429 and a product-less answer, saying why', async () => {
    fake.mode = 'error';
    fellBack((await ask()).body, /MyDHL answered 500: Rating backend unavailable/);
    fake.mode = 'throttle';
    fellBack((await ask()).body, /MyDHL answered 429 \(retry after 2 s\)/);
    fake.mode = 'no-product';
    fellBack((await ask()).body, /MyDHL offered no product/);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('MyDHL with wrong credentials', () => {
  let wrong: TestApp;
  afterAll(async () => {
    await wrong?.close();
  });

  it('is refused by MyDHL (401) and the quote still answers from the card', async () => {
    wrong = await startTestApp({
      env: { DHL_API_URL: fake.url, DHL_API_KEY: 'someone-else', DHL_API_SECRET: 'nope' },
    });
    await pinRates(wrong);
    const coop = await givenCoop(wrong, 'Safi');
    const item = await givenGoods(wrong, coop, {
      title: 'Safi serving bowls',
      hsCode: '691200',
      price: 180000,
      weightGrams: 1200,
      dimensionsMm: [240, 240, 80],
    });
    const res = await quote(wrong, {
      destination: { country: 'US', postalCode: '60614' },
      items: [{ variantId: item, quantity: 1 }],
    });
    const ddp = optionOf(res.body, coop, 'dhl-express', 'DDP');
    expect(ddp.rateSource).toBe('card');
    expect(ddp.breakdown.find((l: any) => l.code === 'live-rate-unavailable').label).toMatch(
      /MyDHL answered 401: Invalid credentials/,
    );
    expect(ddp.total).toEqual(usd(14324));
  });
});
