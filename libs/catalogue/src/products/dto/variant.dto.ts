import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIntBetween } from '../../validators';
import { CURRENCIES } from '../product.view';

const MAX_AMOUNT = 100_000_000_00; // 100 M MAD in centimes: far above any artisan piece, far below bigint
const POSITIVE_MINOR_UNITS = 'must be a positive integer (minor units)';

export class MoneyDto {
  @ApiProperty({
    description: 'Integer amount in minor units: 45000 is 450.00 MAD',
    example: 45000,
    minimum: 1,
  })
  @IsIntBetween(1, MAX_AMOUNT, POSITIVE_MINOR_UNITS, `must be at most ${MAX_AMOUNT}`)
  amount: number;

  @ApiPropertyOptional({ enum: CURRENCIES, default: 'MAD', description: 'Only MAD for now' })
  @IsOptional()
  @IsIn(CURRENCIES, { message: 'must be MAD: prices are listed in MAD only for now' })
  currency?: 'MAD';
}

const positiveMm = 'must be a positive integer (millimetres)';
export class DimensionsDto {
  @ApiProperty({ example: 240 })
  @IsIntBetween(1, 100_000, positiveMm, 'must be at most 100000')
  length: number;
  @ApiProperty({ example: 240 })
  @IsIntBetween(1, 100_000, positiveMm, 'must be at most 100000')
  width: number;
  @ApiProperty({ example: 80 })
  @IsIntBetween(1, 100_000, positiveMm, 'must be at most 100000')
  height: number;
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SKU_MESSAGE = { message: 'must be 1 to 64 letters, digits, dots, dashes or underscores' };
const positiveGrams = 'must be a positive integer (grams)';
const stockCount = 'must be an integer of 0 or more';

/** Option names and values, e.g. {"size": "24 cm", "colour": "blue"}: at most 10, short strings. */
const IsOptions = () =>
  ValidateBy({
    name: 'isOptions',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 10 &&
        Object.entries(value).every(
          ([k, v]) =>
            k.length >= 1 && k.length <= 40 && typeof v === 'string' && v.length >= 1 && v.length <= 80,
        ),
      defaultMessage: () => 'must be an object of at most 10 names to text values (1 to 80 characters)',
    },
  });

export class CreateVariantDto {
  @ApiProperty({
    description: 'Unique within the cooperative',
    example: 'SAFI-BOWL-24-BLUE',
    pattern: SKU.source,
  })
  @Matches(SKU, SKU_MESSAGE)
  sku: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { size: '24 cm', colour: 'blue' },
  })
  @IsOptional()
  @IsOptions()
  options?: Record<string, string>;

  @ApiProperty({ type: MoneyDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MoneyDto)
  price: MoneyDto;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Units on hand' })
  @IsOptional()
  @IsIntBetween(0, 1_000_000, stockCount, 'must be at most 1000000')
  stock?: number;

  @ApiProperty({ example: 1200, minimum: 1 })
  @IsIntBetween(1, 1_000_000, positiveGrams, 'must be at most 1000000 (a tonne)')
  weightGrams: number;

  @ApiProperty({ type: DimensionsDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensionsMm: DimensionsDto;
}

/** Validate a field when given, and when the change adds a variant (no id), require it. */
const RequiredWhenAdding = () =>
  ValidateIf(
    (change: VariantChangeDto, value: unknown) =>
      value !== undefined || (change.id === undefined && change.remove !== true),
  );
const REQUIRED_WHEN_ADDING = { message: 'is required when adding a variant (a change without id)' };

export const VARIANT_CHANGES_DESCRIPTION = [
  'Changes to the variants; variants not mentioned stay as they are.',
  '`{"sku", "price", "weightGrams", "dimensionsMm", ...}` without `id` adds a variant;',
  '`{"id", ...fields}` updates that variant, changing only the fields given;',
  '`{"id", "remove": true}` removes that variant (refused with 409 while units of it are reserved).',
  'A product keeps at least one variant. SKUs stay unique within the cooperative (409 naming `variants[i].sku`).',
].join(' ');

export class VariantChangeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The variant to update or remove; leave out to add one',
  })
  @ValidateIf((change: VariantChangeDto) => change.id !== undefined || change.remove === true)
  @IsUUID(undefined, { message: 'must be the UUID of a variant of this product' })
  id?: string;

  @ApiPropertyOptional({ description: 'true removes the variant named by id' })
  @IsOptional()
  @Equals(true, { message: 'must be true (or left out)' })
  remove?: true;

  @ApiPropertyOptional({ example: 'SAFI-BOWL-24-BLUE', pattern: SKU.source })
  @RequiredWhenAdding()
  @IsDefined(REQUIRED_WHEN_ADDING)
  @IsString(SKU_MESSAGE)
  @Matches(SKU, SKU_MESSAGE)
  sku?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Replaces all options',
  })
  @IsOptional()
  @IsOptions()
  options?: Record<string, string>;

  @ApiPropertyOptional({ type: MoneyDto })
  @RequiredWhenAdding()
  @IsDefined(REQUIRED_WHEN_ADDING)
  @ValidateNested()
  @Type(() => MoneyDto)
  price?: MoneyDto;

  @ApiPropertyOptional({ minimum: 0, description: 'Units on hand; never below the units reserved (409)' })
  @IsOptional()
  @IsIntBetween(0, 1_000_000, stockCount, 'must be at most 1000000')
  stock?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @RequiredWhenAdding()
  @IsDefined(REQUIRED_WHEN_ADDING)
  @IsIntBetween(1, 1_000_000, positiveGrams, 'must be at most 1000000 (a tonne)')
  weightGrams?: number;

  @ApiPropertyOptional({ type: DimensionsDto })
  @RequiredWhenAdding()
  @IsDefined(REQUIRED_WHEN_ADDING)
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensionsMm?: DimensionsDto;
}

export class StockChangeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'must be the UUID of a variant of this product' })
  variantId: string;

  @ApiPropertyOptional({
    description: 'Units to add (positive) or take away (negative). Give delta or set, not both.',
    example: -2,
  })
  @ValidateIf((c: StockChangeDto) => c.delta !== undefined)
  @IsIntBetween(-1_000_000, 1_000_000, 'must be an integer from -1000000 to 1000000')
  delta?: number;

  @ApiPropertyOptional({ description: 'The new number of units on hand', example: 12, minimum: 0 })
  @ValidateIf((c: StockChangeDto) => c.set !== undefined)
  @IsIntBetween(0, 1_000_000, stockCount, 'must be at most 1000000')
  set?: number;
}
