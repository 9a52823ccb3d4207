import { ApiPropertyOptional } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '@souk/catalogue';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { REGION_CODES, type RegionCode } from '../../regions';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Query strings stay strings (no implicit conversion), so numbers and booleans are read here. */
const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const boolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One rule, so a bad limit gets one message, not three. */
const IsPageSize = () =>
  ValidateBy({
    name: 'isPageSize',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LIMIT,
      defaultMessage: () => `must be an integer from 1 to ${MAX_LIMIT}`,
    },
  });

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Transform(integer)
  @IsPageSize()
  limit?: number;
}

export class ListStorefrontsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGION_CODES })
  @IsOptional()
  @IsIn(REGION_CODES, { message: `must be one of Morocco's regions: ${REGION_CODES.join(', ')}` })
  region?: RegionCode;

  @ApiPropertyOptional({ enum: CRAFTS })
  @IsOptional()
  @IsIn(CRAFTS, { message: `must be one of ${CRAFTS.join(', ')}` })
  craft?: Craft;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: verified storefronts only; false: not yet verified',
  })
  @IsOptional()
  @Transform(boolean)
  @IsBoolean({ message: 'must be true or false' })
  verified?: boolean;

  @ApiPropertyOptional({
    description:
      'Words to search names, places, crafts and descriptions for, accents ignored; results by relevance',
    example: 'zellige fes',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  q?: string;
}
