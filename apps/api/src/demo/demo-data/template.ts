import type { Craft } from '@souk/catalogue';
import { Localized } from './types';
import { Word } from './words';

/** Length × width × height of the packed piece, in millimetres. */
export type Dimensions = readonly [length: number, width: number, height: number];

export type OptionAxis = 'size' | 'colour' | 'volume';

export interface VariantChoice {
  readonly value: string;
  /** Price relative to the template's reference range (1 = the reference variant). */
  readonly priceFactor: number;
  readonly weightGrams?: number;
  readonly dimensionsMm?: Dimensions;
}

/** One kind of piece a cooperative makes; the generator turns it into many distinct products. */
export interface ProductTemplate {
  /** Start of the product slugs, [a-z0-9-]. */
  readonly slug: string;
  /** Middle part of the SKUs, 3 capitals. */
  readonly skuCode: string;
  readonly craft: Craft;
  /** Leaf category slug (see categories.ts). */
  readonly category: string;
  /** 6 digits, one of HS_HEADINGS for this craft. */
  readonly hsCode: string;
  readonly title: Localized;
  /** `{city}` is replaced by the cooperative's city. */
  readonly description: Localized;
  readonly materials: readonly string[];
  /** Price range of the reference variant (priceFactor 1), in whole dirhams. */
  readonly priceMad: readonly [min: number, max: number];
  readonly weightGrams: number;
  readonly dimensionsMm: Dimensions;
  /** Units in stock per variant; one-off pieces such as carpets have few. Defaults to 0–40. */
  readonly stock?: readonly [min: number, max: number];
  readonly axis?: { readonly name: OptionAxis; readonly choices: readonly VariantChoice[] };
  /** Pools of distinguishing words; a product's title takes one word from each pool. */
  readonly words: readonly (readonly Word[])[];
  /** Only cooperatives in these cities make it (a Boujad rug comes from Boujad); any fitting one if absent. */
  readonly cities?: readonly string[];
}

export function choice(
  value: string,
  priceFactor: number,
  weightGrams?: number,
  dimensionsMm?: Dimensions,
): VariantChoice {
  return { value, priceFactor, weightGrams, dimensionsMm };
}
