import { ApiProperty } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '@souk/catalogue';
import { LEGAL_FORMS, type LegalForm, type LocalizedText } from '../cooperatives/cooperative.entity';
import { REGION_CODES, regionOf, type RegionCode } from '../regions';

export class LocalizedTextView {
  @ApiProperty({ example: 'Poterie tournée et peinte à la main' }) fr: string;
  @ApiProperty({ example: 'Hand-thrown, hand-painted pottery' }) en: string;
  @ApiProperty({ example: 'فخار مصنوع ومزخرف يدويا' }) ar: string;
}

export class RegionView {
  @ApiProperty({ enum: REGION_CODES, example: 'fes-meknes' }) code: RegionCode;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
}

/** Visible reviews of the storefront's products, by number of stars. */
export class StorefrontRatingDistributionView {
  @ApiProperty({ example: 0 }) '1': number;
  @ApiProperty({ example: 1 }) '2': number;
  @ApiProperty({ example: 2 }) '3': number;
  @ApiProperty({ example: 8 }) '4': number;
  @ApiProperty({ example: 20 }) '5': number;
}

export class StorefrontRatingView {
  @ApiProperty({ nullable: true, type: Number, example: 4.7 }) average: number | null;
  @ApiProperty({ example: 31 }) count: number;
  @ApiProperty({ type: StorefrontRatingDistributionView }) distribution: StorefrontRatingDistributionView;
}

export class StorefrontCountsView {
  @ApiProperty({ description: 'Active products on the storefront', example: 24 }) products: number;
}

/** A storefront as buyers and partners see it, in lists and on its own page. */
export class StorefrontView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'poterie-bleue-fes' }) slug: string;
  @ApiProperty({ example: 'Coopérative Poterie Bleue de Fès' }) name: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm: LegalForm;
  @ApiProperty({ type: RegionView }) region: RegionView;
  @ApiProperty({ example: 'Fès' }) city: string;
  @ApiProperty({ enum: CRAFTS, isArray: true }) crafts: Craft[];
  @ApiProperty({ type: LocalizedTextView }) description: LocalizedText;
  @ApiProperty({ nullable: true, type: String, example: 'https://cdn.souk.dev/logos/poterie-bleue-fes.png' })
  logoUrl: string | null;
  @ApiProperty({ description: 'Checked by the marketplace' }) verified: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ type: StorefrontRatingView }) rating: StorefrontRatingView;
  @ApiProperty({ type: StorefrontCountsView }) counts: StorefrontCountsView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StorefrontPageView {
  @ApiProperty({ type: [StorefrontView] }) items: StorefrontView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last one',
  })
  nextCursor: string | null;
}

/** The row STOREFRONT_COLUMNS selects. */
export interface StorefrontRow {
  id: string;
  slug: string;
  name: string;
  legal_form: LegalForm;
  region: string;
  city: string;
  crafts: Craft[];
  description: LocalizedText;
  logo_url: string | null;
  verified_at: Date | null;
  rating_average: number | null;
  rating_count: number;
  rating_distribution: number[];
  active_products: number;
  created_at: Date;
}

/**
 * The columns of a storefront, from `cooperative c`. Active products are counted per row
 * on product_cooperative_idx; pages are short, so that stays one cheap statement.
 */
export const STOREFRONT_COLUMNS = `c.id, c.slug, c.name, c.legal_form, c.region, c.city, c.crafts, c.description,
  c.logo_url, c.verified_at, c.rating_average::float8 AS rating_average, c.rating_count, c.rating_distribution,
  c.created_at,
  (SELECT count(*)::int FROM product p WHERE p.cooperative_id = c.id AND p.status = 'active') AS active_products`;

export function toStorefrontView(row: StorefrontRow): StorefrontView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    legalForm: row.legal_form,
    region: regionOf(row.region),
    city: row.city,
    crafts: row.crafts,
    description: { fr: row.description.fr ?? '', en: row.description.en ?? '', ar: row.description.ar ?? '' },
    logoUrl: row.logo_url,
    verified: row.verified_at !== null,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    rating: {
      average: row.rating_average,
      count: row.rating_count,
      distribution: {
        '1': row.rating_distribution[0],
        '2': row.rating_distribution[1],
        '3': row.rating_distribution[2],
        '4': row.rating_distribution[3],
        '5': row.rating_distribution[4],
      },
    },
    counts: { products: row.active_products },
    createdAt: row.created_at.toISOString(),
  };
}
