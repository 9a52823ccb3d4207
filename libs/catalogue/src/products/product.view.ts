import { ApiProperty } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '../crafts';
import { headingOf } from '../hs-codes/headings';

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Prices are listed in MAD only for now; the column and the contract already carry a currency. */
export const CURRENCIES = ['MAD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export class MoneyView {
  @ApiProperty({ description: 'Integer amount in minor units (45000 is 450.00 MAD)', example: 45000 })
  amount: number;
  @ApiProperty({ enum: CURRENCIES, example: 'MAD' }) currency: string;
}

export class LocalizedView {
  @ApiProperty() fr: string;
  @ApiProperty() en: string;
  @ApiProperty({ nullable: true, type: String }) ar: string | null;
}

/** A text that may be missing in any locale (a description left out). */
export class OptionalLocalizedView {
  @ApiProperty({ nullable: true, type: String }) fr: string | null;
  @ApiProperty({ nullable: true, type: String }) en: string | null;
  @ApiProperty({ nullable: true, type: String }) ar: string | null;
}

export class DimensionsView {
  @ApiProperty() length: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class VariantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SAFI-BOWL-24-BLUE' }) sku: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { size: '24 cm', colour: 'blue' },
  })
  options: Record<string, string>;
  @ApiProperty({ type: MoneyView }) price: MoneyView;
  @ApiProperty({ description: 'Units on hand' }) stock: number;
  @ApiProperty({ description: 'Units that can still be sold: stock minus units reserved by open checkouts' })
  available: number;
  @ApiProperty() weightGrams: number;
  @ApiProperty({ type: DimensionsView }) dimensionsMm: DimensionsView;
}

export class HsHeadingView {
  @ApiProperty({ example: '691200' }) code: string;
  @ApiProperty({ example: 'Ceramic tableware and kitchenware, other than porcelain' }) label: string;
}

/** Visible reviews by number of stars. */
export class RatingDistributionView {
  @ApiProperty({ example: 0 }) '1': number;
  @ApiProperty({ example: 1 }) '2': number;
  @ApiProperty({ example: 1 }) '3': number;
  @ApiProperty({ example: 3 }) '4': number;
  @ApiProperty({ example: 7 }) '5': number;
}

export class RatingView {
  @ApiProperty({ nullable: true, type: Number, example: 4.6 }) average: number | null;
  @ApiProperty({ example: 12 }) count: number;
  @ApiProperty({ type: RatingDistributionView }) distribution: RatingDistributionView;
}

/** The rating columns (average, count, stars 1 to 5) as the API returns them. */
export function toRatingView(
  average: string | number | null,
  count: number,
  distribution: readonly number[] | null,
): RatingView {
  const d = distribution ?? [0, 0, 0, 0, 0];
  return {
    average: average === null ? null : Number(average),
    count,
    distribution: { '1': d[0], '2': d[1], '3': d[2], '4': d[3], '5': d[4] },
  };
}

/** A product as the API returns it, in lists and alone. */
export class ProductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'blue-safi-serving-bowl' }) slug: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ enum: PRODUCT_STATUSES }) status: ProductStatus;
  @ApiProperty({ type: LocalizedView }) title: LocalizedView;
  @ApiProperty({ type: OptionalLocalizedView, description: 'Locales not given are null' })
  description: OptionalLocalizedView;
  @ApiProperty({ enum: CRAFTS }) craft: Craft;
  @ApiProperty({ type: [String], example: ['clay', 'cobalt glaze'] }) materials: string[];
  @ApiProperty({ nullable: true, type: String, example: 'Safi' }) originCity: string | null;
  @ApiProperty({ description: '6 to 10 digits', example: '69120000' }) hsCode: string;
  @ApiProperty({ type: HsHeadingView, nullable: true }) hsHeading: HsHeadingView | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty({ type: [String], example: ['https://cdn.souk.dev/p/bowl-1.jpg'] }) images: string[];
  @ApiProperty({ type: RatingView }) rating: RatingView;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'The lowest variant price' })
  price: MoneyView | null;
  @ApiProperty({ type: [VariantView] }) variants: VariantView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProductPageView {
  @ApiProperty({ type: [ProductView] }) items: ProductView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last one',
  })
  nextCursor: string | null;
}

/** The row shape products.query.ts selects (see PRODUCT_COLUMNS there). */
export interface ProductRow {
  id: string;
  slug: string;
  cooperative_id: string;
  status: ProductStatus;
  title: Record<string, string>;
  description: Record<string, string>;
  craft: Craft;
  materials: string[];
  origin_city: string | null;
  hs_code: string;
  category_id: string | null;
  images: string[];
  rating_average: string | null;
  rating_count: number;
  rating_distribution: number[];
  price_amount: string | null;
  price_currency: string;
  created_at: Date;
  updated_at: Date;
  variants: VariantView[];
}

const localized = (text: Record<string, string> | null) => ({
  fr: text?.fr ?? null,
  en: text?.en ?? null,
  ar: text?.ar ?? null,
});

export function toProductView(row: ProductRow): ProductView {
  const heading = headingOf(row.hs_code);
  return {
    id: row.id,
    slug: row.slug,
    cooperativeId: row.cooperative_id,
    status: row.status,
    title: localized(row.title) as LocalizedView,
    description: localized(row.description),
    craft: row.craft,
    materials: row.materials,
    originCity: row.origin_city,
    hsCode: row.hs_code,
    hsHeading: heading ? { code: heading.code, label: heading.label } : null,
    categoryId: row.category_id,
    images: row.images,
    rating: toRatingView(row.rating_average, row.rating_count, row.rating_distribution),
    price:
      row.price_amount === null ? null : { amount: Number(row.price_amount), currency: row.price_currency },
    variants: row.variants,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
