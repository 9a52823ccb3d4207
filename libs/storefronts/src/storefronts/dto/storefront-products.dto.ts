import { ApiPropertyOptional } from '@nestjs/swagger';
import { CRAFTS, CURRENCIES, type Craft, type Currency } from '@souk/catalogue';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from './list-storefronts.dto';

const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const MINOR_UNITS = { message: 'must be an integer of 0 or more (minor units)' };

/** The catalogue's public filters, inside one storefront. */
export class StorefrontProductsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Full-text search, accent-insensitive; results are ranked',
    example: 'bol bleu',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CRAFTS })
  @IsOptional()
  @IsIn(CRAFTS, { message: `must be one of ${CRAFTS.join(', ')}` })
  craft?: Craft;

  @ApiPropertyOptional({ description: "A category's id or slug; its subcategories are included" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/i, { message: "must be a category's id or slug" })
  category?: string;

  @ApiPropertyOptional({ description: 'Lowest price in minor units, inclusive', example: 20000 })
  @IsOptional()
  @Transform(integer)
  @IsInt(MINOR_UNITS)
  @Min(0, MINOR_UNITS)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest price in minor units, inclusive', example: 150000 })
  @IsOptional()
  @Transform(integer)
  @IsInt(MINOR_UNITS)
  @Min(0, MINOR_UNITS)
  maxPrice?: number;

  @ApiPropertyOptional({ enum: CURRENCIES })
  @IsOptional()
  @IsIn(CURRENCIES, { message: 'must be MAD: prices are listed in MAD only for now' })
  currency?: Currency;
}
