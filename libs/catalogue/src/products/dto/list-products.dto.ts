import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CRAFTS, type Craft } from '../../crafts';
import { CURRENCIES, PRODUCT_STATUSES, type ProductStatus } from '../product.view';
import { IsIntBetween } from '../../validators';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../products.query';

const ID_OR_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/i;
const MINOR_UNITS = 'must be an integer of 0 or more (minor units)';

export class ListProductsQueryDto {
  @ApiPropertyOptional({
    description: 'Full-text search in every locale, accent-insensitive; results are ranked',
    example: 'fes bowl',
  })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ enum: CRAFTS })
  @IsOptional()
  @IsIn(CRAFTS, { message: `must be one of ${CRAFTS.join(', ')}` })
  craft?: Craft;

  @ApiPropertyOptional({ description: "A cooperative's id or slug" })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(100)
  @Matches(ID_OR_SLUG, { message: "must be a cooperative's id or slug" })
  cooperative?: string;

  @ApiPropertyOptional({ description: "A category's id or slug; products in its subcategories are included" })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(100)
  @Matches(ID_OR_SLUG, { message: "must be a category's id or slug" })
  category?: string;

  @ApiPropertyOptional({
    description: 'Lowest price, in minor units, inclusive (compared with the lowest variant price)',
    example: 20000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(0, Number.MAX_SAFE_INTEGER, MINOR_UNITS)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest price, in minor units, inclusive', example: 150000 })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(0, Number.MAX_SAFE_INTEGER, MINOR_UNITS)
  maxPrice?: number;

  @ApiPropertyOptional({
    enum: CURRENCIES,
    description: 'Currency of minPrice and maxPrice; only MAD for now',
  })
  @IsOptional()
  @IsIn(CURRENCIES, { message: 'must be MAD: prices are listed in MAD only for now' })
  currency?: 'MAD';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'is not a cursor this list gave out' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(1, MAX_LIMIT, `must be an integer from 1 to ${MAX_LIMIT}`)
  limit?: number;
}

/** A cooperative's own catalogue: the same filters, drafts and archived products included. */
export class ListCooperativeProductsQueryDto extends OmitType(ListProductsQueryDto, [
  'cooperative',
] as const) {
  @ApiPropertyOptional({
    description: 'One status or several, comma-separated; all when left out',
    example: 'draft,active',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value,
  )
  @IsIn(PRODUCT_STATUSES, { each: true, message: 'must be draft, active or archived (comma-separated)' })
  status?: ProductStatus[];
}
