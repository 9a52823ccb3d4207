import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * DHL Express's MyDHL API on 127.0.0.1, `POST /rates`: basic auth, the request shape MyDHL checks
 * (customer details, planned date, metric packages with weight and dimensions), and an answer shaped
 * like MyDHL's (products[].totalPrice, totalPriceBreakdown, detailedPriceBreakdown,
 * deliveryCapabilities). Its price: 400.00 + 80.00 per kg of each package's greater of provided and
 * volumetric (cm³ / 5000) weight, plus a 25% fuel surcharge. Failures on demand.
 */
export type DhlMode = 'ok' | 'slow' | 'error' | 'throttle' | 'no-product' | 'billed-in-eur';

export interface DhlRequest {
  headers: IncomingHttpHeaders;
  body: any;
}

const problem = (status: number, title: string, detail: string) => ({
  instance: '/expressapi/rates',
  detail,
  title,
  message: title,
  status: String(status),
});

/** The fake's price in MAD centimes for MyDHL packages (kg, cm), per its rule above. */
export function fakeDhlPrice(
  packages: { weight: number; dimensions: { length: number; width: number; height: number } }[],
) {
  let base = 0;
  for (const p of packages) {
    const volumetricGrams = Math.ceil(
      (p.dimensions.length * p.dimensions.width * p.dimensions.height * 1000) / 5000,
    );
    const grams = Math.max(Math.round(p.weight * 1000), volumetricGrams);
    base += 400_00 + Math.ceil((80_00 * grams) / 1000);
  }
  const fuel = Math.round(base / 4);
  return { base, fuel, total: base + fuel };
}

export class FakeDhl {
  readonly requests: DhlRequest[] = [];
  mode: DhlMode = 'ok';
  url = '';
  private server?: Server;

  constructor(
    private readonly key = 'souk-test-key',
    private readonly secret = 'souk-test-secret',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        let body: any;
        try {
          body = JSON.parse(raw);
        } catch {
          return send(400, problem(400, 'Bad request', 'body is not JSON'));
        }
        this.requests.push({ headers: req.headers, body });
        if (req.method !== 'POST' || req.url !== '/rates')
          return send(404, problem(404, 'Not found', req.url ?? ''));
        const expected = `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString('base64')}`;
        if (req.headers.authorization !== expected)
          return send(401, problem(401, 'Unauthorized', 'Invalid credentials'));
        const invalid = this.invalid(body);
        if (invalid) return send(400, problem(400, 'Bad request', invalid));
        switch (this.mode) {
          case 'slow':
            return void setTimeout(() => send(200, this.answer(body, 'MAD')), 5_000).unref();
          case 'error':
            return send(500, problem(500, 'Internal Server Error', 'Rating backend unavailable'));
          case 'throttle':
            return send(429, problem(429, 'Too Many Requests', 'Rate limit exceeded'), {
              'retry-after': '2',
            });
          case 'no-product':
            return send(200, { products: [] });
          case 'billed-in-eur':
            return send(200, this.answer(body, 'EUR'));
          default:
            return send(200, this.answer(body, 'MAD'));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private invalid(b: any): string | null {
    if (!b?.customerDetails?.shipperDetails?.countryCode)
      return 'customerDetails.shipperDetails.countryCode is required';
    if (!b?.customerDetails?.receiverDetails?.countryCode)
      return 'customerDetails.receiverDetails.countryCode is required';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}GMT[+-]\d{2}:\d{2}$/.test(b?.plannedShippingDateAndTime ?? ''))
      return 'plannedShippingDateAndTime must look like 2026-11-24T10:00:00GMT+01:00';
    if (b.unitOfMeasurement !== 'metric') return 'unitOfMeasurement must be metric';
    if (typeof b.isCustomsDeclarable !== 'boolean') return 'isCustomsDeclarable is required';
    if (!Array.isArray(b.packages) || b.packages.length === 0) return 'packages are required';
    for (const p of b.packages)
      if (
        !(p.weight > 0) ||
        !(p.dimensions?.length > 0 && p.dimensions?.width > 0 && p.dimensions?.height > 0)
      )
        return 'every package needs a weight and dimensions';
    return null;
  }

  /** MyDHL's answer; in EUR the fake bills 1 EUR for each 10.00 MAD of its price, to the cent. */
  private answer(b: any, currency: 'MAD' | 'EUR') {
    const { base, fuel, total } = fakeDhlPrice(b.packages);
    const inBilled = (mad: number) => (currency === 'MAD' ? mad / 100 : Math.round(mad / 10) / 100);
    return {
      products: [
        {
          productName: 'EXPRESS WORLDWIDE',
          productCode: 'P',
          localProductCode: 'P',
          localProductCountryCode: 'MA',
          networkTypeCode: 'TD',
          isCustomerAgreement: true,
          weight: {
            volumetric: 0,
            provided: b.packages.reduce((s: number, p: any) => s + p.weight, 0),
            unitOfMeasurement: 'metric',
          },
          totalPrice: [{ currencyType: 'BILLC', priceCurrency: currency, price: inBilled(total) }],
          totalPriceBreakdown: [
            {
              currencyType: 'BILLC',
              priceCurrency: currency,
              priceBreakdown: [
                { typeCode: 'SPRQT', price: inBilled(base) },
                { typeCode: 'FF', price: inBilled(fuel) },
              ],
            },
          ],
          detailedPriceBreakdown: [
            {
              currencyType: 'BILLC',
              priceCurrency: currency,
              breakdown: [
                { name: 'EXPRESS WORLDWIDE', serviceCode: 'SPRQT', price: inBilled(base) },
                { name: 'FUEL SURCHARGE', serviceCode: 'FF', price: inBilled(fuel) },
              ],
            },
          ],
          deliveryCapabilities: {
            deliveryTypeCode: 'QDDC',
            estimatedDeliveryDateAndTime: '2026-11-27T23:59:00',
            destinationServiceAreaCode: 'CHI',
            totalTransitDays: '3',
          },
        },
      ],
    };
  }
}
