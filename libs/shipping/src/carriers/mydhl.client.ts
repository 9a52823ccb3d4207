import { Inject, Injectable } from '@nestjs/common';
import { exponentOf, SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import type { RatedParcel } from './carrier';

export interface LiveRateRequest {
  originCity: string | null;
  destination: { country: string; postalCode: string | null; city: string | null };
  parcels: readonly RatedParcel[];
  declaredValueMad: number;
  shipOn: Date;
}

/** A MyDHL rate: the total and its parts in the billing currency's minor units. */
export interface LiveRate {
  productName: string;
  currency: string;
  total: number;
  parts: { code: string; label: string; amount: number }[];
  transitDays: number | null;
}

export class LiveRateError extends Error {}

/** Major-unit decimal (a JSON number or string) to minor units, half away from zero, without floats. */
export function decimalToMinor(value: unknown, currency: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new LiveRateError(`price ${JSON.stringify(value)} is not a decimal amount`);
  const e = exponentOf(currency);
  const fraction = (m[3] ?? '').padEnd(e + 1, '0');
  let minor = BigInt(m[2] + fraction.slice(0, e));
  if (Number(fraction[e]) >= 5) minor += 1n;
  return Number(m[1] ? -minor : minor);
}

const cmUp = (mm: number) => Math.ceil(mm / 10);

/**
 * DHL Express's MyDHL API, `POST {DHL_API_URL}/rates` with basic auth. Used only when DHL_API_URL
 * is set; every failure (network, timeout, non-2xx, an answer without a usable product) is thrown
 * as a LiveRateError so the carrier falls back to its card.
 */
@Injectable()
export class MyDhlClient {
  constructor(@Inject(SOUK_CONFIG) private readonly config: SoukConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.DHL_API_URL);
  }

  get timeoutMs(): number {
    return this.config.DHL_TIMEOUT_MS;
  }

  async rate(req: LiveRateRequest): Promise<LiveRate> {
    const base = this.config.DHL_API_URL!.replace(/\/+$/, '');
    const auth = Buffer.from(`${this.config.DHL_API_KEY ?? ''}:${this.config.DHL_API_SECRET ?? ''}`).toString(
      'base64',
    );
    let res: Response;
    try {
      res = await fetch(`${base}/rates`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Basic ${auth}`,
        },
        body: JSON.stringify(this.body(req)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new LiveRateError(`MyDHL did not answer within ${this.timeoutMs} ms`);
      throw new LiveRateError(`MyDHL could not be reached: ${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      let detail = text.slice(0, 200);
      try {
        const problem = JSON.parse(text) as { detail?: string; title?: string };
        detail = problem.detail ?? problem.title ?? detail;
      } catch {
        // not JSON: keep the text
      }
      const retry = res.headers.get('retry-after');
      throw new LiveRateError(
        `MyDHL answered ${res.status}${retry ? ` (retry after ${retry} s)` : ''}: ${detail}`,
      );
    }
    try {
      return this.parse(JSON.parse(text));
    } catch (err) {
      throw err instanceof LiveRateError
        ? err
        : new LiveRateError(`MyDHL answer unreadable: ${(err as Error).message}`);
    }
  }

  private body(req: LiveRateRequest): Record<string, unknown> {
    // DHL wants local time with its offset; Morocco keeps GMT+01:00. Planned for the next day at 10:00.
    const next = new Date(req.shipOn.getTime() + 24 * 3600_000).toISOString().slice(0, 10);
    return {
      customerDetails: {
        shipperDetails: { postalCode: '', cityName: req.originCity ?? 'Casablanca', countryCode: 'MA' },
        receiverDetails: {
          postalCode: req.destination.postalCode ?? '',
          cityName: req.destination.city ?? '',
          countryCode: req.destination.country,
        },
      },
      accounts: this.config.DHL_ACCOUNT_NUMBER
        ? [{ typeCode: 'shipper', number: this.config.DHL_ACCOUNT_NUMBER }]
        : [],
      productCode: 'P',
      plannedShippingDateAndTime: `${next}T10:00:00GMT+01:00`,
      unitOfMeasurement: 'metric',
      isCustomsDeclarable: true,
      monetaryAmount: [{ typeCode: 'declaredValue', value: req.declaredValueMad / 100, currency: 'MAD' }],
      packages: req.parcels.map((p) => ({
        weight: p.weightGrams / 1000,
        dimensions: {
          length: cmUp(p.dimensionsMm.length),
          width: cmUp(p.dimensionsMm.width),
          height: cmUp(p.dimensionsMm.height),
        },
      })),
    };
  }

  private parse(answer: any): LiveRate {
    const products: any[] = Array.isArray(answer?.products) ? answer.products : [];
    const product = products.find((p) => p?.productCode === 'P') ?? products[0];
    if (!product) throw new LiveRateError('MyDHL offered no product for this shipment');
    const prices: any[] = Array.isArray(product.totalPrice) ? product.totalPrice : [];
    const billed = prices.find((p) => p?.currencyType === 'BILLC') ?? prices[0];
    if (!billed || typeof billed.priceCurrency !== 'string')
      throw new LiveRateError('MyDHL gave no total price');
    const currency: string = billed.priceCurrency;
    const total = decimalToMinor(billed.price, currency);
    const breakdowns: any[] = Array.isArray(product.totalPriceBreakdown) ? product.totalPriceBreakdown : [];
    const inBilled = breakdowns.find(
      (b) => b?.currencyType === billed.currencyType && b?.priceCurrency === currency,
    );
    const parts = ((inBilled?.priceBreakdown ?? []) as any[]).map((p) => ({
      code: String(p?.typeCode ?? 'OTHER'),
      label: String(p?.typeCode ?? 'other charges'),
      amount: decimalToMinor(p?.price, currency),
    }));
    const named = ((product.detailedPriceBreakdown ?? []) as any[]).find(
      (b) => b?.currencyType === billed.currencyType,
    );
    for (const part of parts) {
      const found = ((named?.breakdown ?? []) as any[]).find((b) => b?.serviceCode === part.code);
      if (found?.name) part.label = String(found.name);
    }
    const listed = parts.reduce((s, p) => s + p.amount, 0);
    if (listed !== total) parts.push({ code: 'OTHER', label: 'Other charges', amount: total - listed });
    const days = Number(product.deliveryCapabilities?.totalTransitDays);
    return {
      productName: String(product.productName ?? 'EXPRESS WORLDWIDE'),
      currency,
      total,
      parts: parts.filter((p) => p.amount !== 0),
      transitDays: Number.isInteger(days) && days > 0 ? days : null,
    };
  }
}
