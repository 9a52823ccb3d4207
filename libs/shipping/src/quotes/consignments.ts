import { Injectable } from '@nestjs/common';
import { type ExchangeRate, type FieldError, Problem, Sql, toMad } from '@souk/platform';
import { isCountry } from '../data/countries';
import type { CustomsLine } from '../duties/regime';
import { sorted } from '../packing/chargeable-weight';
import type { Unit } from '../packing/packer';
import type { CustomsLineDto, ParcelInputDto, QuoteItemDto } from './dto/create-quote.dto';
import type { ConsignmentRequest } from './quote.types';

interface VariantRow {
  id: string;
  cooperativeId: string;
  originCity: string | null;
  status: string;
  hsCode: string;
  title: string;
  priceAmount: string;
  available: number;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/**
 * Turns a request into consignments: a cart's items grouped by cooperative, read in one SQL
 * statement (variant, product and cooperative on their primary keys), or a partner's own parcels
 * and customs lines.
 */
@Injectable()
export class Consignments {
  constructor(private readonly sql: Sql) {}

  async fromItems(items: readonly QuoteItemDto[]): Promise<ConsignmentRequest[]> {
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = item.variantId.toLowerCase();
      if (seen.has(key))
        errors.push({
          field: `items[${i}].variantId`,
          message: `repeats items[${seen.get(key)}]: give one line per variant`,
        });
      else seen.set(key, i);
    });
    if (errors.length) throw Problem.validation(errors);

    const rows = await this.sql.rows<VariantRow>(
      `SELECT v.id, v.cooperative_id AS "cooperativeId", c.city AS "originCity", p.status, p.hs_code AS "hsCode",
              coalesce(p.title->>'en', p.title->>'fr', v.sku) AS title, v.price_amount AS "priceAmount",
              v.stock - v.reserved AS available, v.weight_grams AS "weightGrams", v.length_mm AS "lengthMm",
              v.width_mm AS "widthMm", v.height_mm AS "heightMm"
         FROM variant v JOIN product p ON p.id = v.product_id JOIN cooperative c ON c.id = v.cooperative_id
        WHERE v.id = ANY($1::uuid[])`,
      [items.map((i) => i.variantId)],
    );
    const byId = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
    const groups = new Map<string, ConsignmentRequest>();
    items.forEach((item, i) => {
      const row = byId.get(item.variantId.toLowerCase());
      if (!row)
        return void errors.push({
          field: `items[${i}].variantId`,
          message: 'is not a variant of any product',
        });
      if (row.status !== 'active')
        return void errors.push({
          field: `items[${i}].variantId`,
          message: `is not for sale (its product is ${row.status})`,
        });
      if (item.quantity > row.available)
        return void errors.push({
          field: `items[${i}].quantity`,
          message: `is above the ${Math.max(row.available, 0)} available`,
        });
      const group = groups.get(row.cooperativeId) ?? {
        cooperativeId: row.cooperativeId,
        originCity: row.originCity,
        items: [],
        units: [],
        parcels: null,
        customs: [],
      };
      groups.set(row.cooperativeId, group);
      group.items.push({ variantId: row.id, quantity: item.quantity });
      const dims = sorted(row.lengthMm, row.widthMm, row.heightMm);
      for (let n = 0; n < item.quantity; n++)
        group.units!.push({ variantId: row.id, weightGrams: row.weightGrams, dims } satisfies Unit);
      group.customs.push({
        hsCode: row.hsCode,
        heading: row.hsCode.slice(0, 6),
        description: row.title,
        quantity: item.quantity,
        valueMad: Number(row.priceAmount) * item.quantity,
        // Made by Moroccan cooperatives; the marketplace's invoice carries the origin statement.
        origin: 'MA',
        preferential: true,
      });
    });
    if (errors.length) throw Problem.validation(errors);
    return [...groups.values()];
  }

  /** A partner's parcels and customs lines as one consignment; `rate` converts each line's value to MAD. */
  fromPartner(
    parcels: readonly ParcelInputDto[],
    lines: readonly CustomsLineDto[],
    rate: (currency: string) => ExchangeRate,
  ): ConsignmentRequest {
    const errors: FieldError[] = [];
    const customs: CustomsLine[] = lines.map((line, i) => {
      const origin = line.originCountry ?? 'MA';
      if (!isCountry(origin))
        errors.push({
          field: `lines[${i}].originCountry`,
          message: `${origin} is not an ISO 3166-1 country code`,
        });
      const hsCode = line.hsCode.replace(/\./g, '');
      const valueMad =
        line.value.currency === 'MAD'
          ? line.value.amount
          : toMad(line.value.amount, rate(line.value.currency)).amount;
      return {
        hsCode,
        heading: hsCode.slice(0, 6),
        description: line.description,
        quantity: line.quantity,
        valueMad,
        origin,
        preferential: line.preferentialOrigin ?? false,
      };
    });
    if (errors.length) throw Problem.validation(errors);
    return {
      cooperativeId: null,
      originCity: null,
      items: [],
      units: null,
      parcels: parcels.map((p) => ({
        weightGrams: p.weightGrams,
        dimensionsMm: sorted(p.dimensionsMm.length, p.dimensionsMm.width, p.dimensionsMm.height),
      })),
      customs,
    };
  }
}
