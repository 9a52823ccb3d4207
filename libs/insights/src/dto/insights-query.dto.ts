import { ApiPropertyOptional } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '@souk/catalogue';
import { REGION_CODES, type RegionCode } from '@souk/storefronts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { NAME_LOCALES, type NameLocale } from '../countries';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'must be a month written YYYY-MM, such as 2026-01';

/** What every insight can be narrowed by: a range of whole months (UTC), and a craft. */
export class CooperativeInsightsQueryDto {
  @ApiPropertyOptional({
    description: 'First month included (UTC), YYYY-MM; default: the first sale',
    example: '2026-01',
  })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    description: 'Last month included (UTC), YYYY-MM; default: the last sale',
    example: '2026-12',
  })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ enum: CRAFTS, description: 'Only sales of this craft' })
  @IsOptional()
  @IsIn(CRAFTS, { message: `must be one of ${CRAFTS.join(', ')}` })
  craft?: Craft;

  @ApiPropertyOptional({ enum: NAME_LOCALES, default: 'en', description: 'Language of the country names' })
  @IsOptional()
  @IsIn(NAME_LOCALES, { message: `must be one of ${NAME_LOCALES.join(', ')}` })
  locale?: NameLocale;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Same as Accept: text/csv when csv' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}

/** The marketplace-wide insights add the region the selling cooperatives are in. */
export class MarketInsightsQueryDto extends CooperativeInsightsQueryDto {
  @ApiPropertyOptional({
    enum: REGION_CODES,
    description: 'Only sales of cooperatives in this region of Morocco',
  })
  @IsOptional()
  @IsIn(REGION_CODES, { message: `must be one of Morocco's regions: ${REGION_CODES.join(', ')}` })
  region?: RegionCode;
}
