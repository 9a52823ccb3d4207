import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CRAFTS, type Craft } from '../../crafts';
import { IsHsCode, NormalizeHsCode } from '../../hs-codes/is-hs-code';
import { LocalizedDescriptionDto, LocalizedNameDto } from '../../localized.dto';
import { PRODUCT_STATUSES, type ProductStatus } from '../product.view';
import { CreateVariantDto, VARIANT_CHANGES_DESCRIPTION, VariantChangeDto } from './variant.dto';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const NOT_UUID = /^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/;
const SLUG_MESSAGE = { message: 'must be lowercase letters and digits separated by single hyphens' };
const CRAFT_MESSAGE = { message: `must be one of ${CRAFTS.join(', ')}` };
const HTTPS_URLS = { each: true, message: 'must all be https URLs' };
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Present fields are validated; null is refused (these columns cannot be cleared). */
const UnlessAbsent = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

export class CreateProductDto {
  @ApiPropertyOptional({
    description: 'Public slug; generated from the English (else French) title when left out',
    example: 'blue-safi-serving-bowl',
    pattern: SLUG.source,
  })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(SLUG, SLUG_MESSAGE)
  @Matches(NOT_UUID, { message: 'must not look like a UUID (ids and slugs share one path)' })
  slug?: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  title: LocalizedNameDto;

  @ApiPropertyOptional({ type: LocalizedDescriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedDescriptionDto)
  description?: LocalizedDescriptionDto;

  @ApiProperty({ enum: CRAFTS })
  @IsIn(CRAFTS, CRAFT_MESSAGE)
  craft: Craft;

  @ApiPropertyOptional({ type: [String], example: ['clay', 'cobalt glaze'] })
  @IsOptional()
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @IsString({ each: true, message: 'must all be strings' })
  @MinLength(1, { each: true, message: 'must not hold empty strings' })
  @MaxLength(60, { each: true, message: 'must hold strings of at most 60 characters' })
  materials?: string[];

  @ApiPropertyOptional({ example: 'Safi' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a string' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  originCity?: string;

  @ApiProperty({
    description: '6 to 10 digits (dots allowed: "6912.00"), the first 6 a heading artisan goods use',
    example: '6912.00',
  })
  @NormalizeHsCode()
  @IsHsCode()
  hsCode: string;

  @ApiPropertyOptional({ type: [String], example: ['https://cdn.souk.dev/p/bowl-1.jpg'] })
  @IsOptional()
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, HTTPS_URLS)
  @MaxLength(2000, { each: true, message: 'must hold URLs of at most 2000 characters' })
  images?: string[];

  @ApiPropertyOptional({ enum: ['draft', 'active'], default: 'draft' })
  @IsOptional()
  @IsIn(['draft', 'active'], { message: 'must be draft or active' })
  status?: 'draft' | 'active';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'must be the UUID of a category' })
  categoryId?: string;

  @ApiProperty({ type: [CreateVariantDto], minItems: 1, maxItems: 50 })
  @IsArray({ message: 'must be an array' })
  @ArrayMinSize(1, { message: 'must have at least one variant' })
  @ArrayMaxSize(50, { message: 'must have at most 50 variants' })
  @ValidateNested({ each: true })
  @Type(() => CreateVariantDto)
  variants: CreateVariantDto[];
}

/** A partial update: fields left out stay as they are. `originCity` and `categoryId` can be cleared with null. */
export class UpdateProductDto {
  @ApiPropertyOptional({ pattern: SLUG.source, description: 'Changing the slug breaks links to the old one' })
  @UnlessAbsent()
  @IsString({ message: 'must be a string' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(SLUG, SLUG_MESSAGE)
  @Matches(NOT_UUID, { message: 'must not look like a UUID (ids and slugs share one path)' })
  slug?: string;

  @ApiPropertyOptional({ type: LocalizedNameDto, description: 'Replaces the title in every locale' })
  @UnlessAbsent()
  @IsDefined({ message: 'must not be null' })
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  title?: LocalizedNameDto;

  @ApiPropertyOptional({
    type: LocalizedDescriptionDto,
    description: 'Replaces the description in every locale',
  })
  @UnlessAbsent()
  @IsDefined({ message: 'must not be null' })
  @ValidateNested()
  @Type(() => LocalizedDescriptionDto)
  description?: LocalizedDescriptionDto;

  @ApiPropertyOptional({ enum: CRAFTS })
  @UnlessAbsent()
  @IsIn(CRAFTS, CRAFT_MESSAGE)
  craft?: Craft;

  @ApiPropertyOptional({ type: [String] })
  @UnlessAbsent()
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @IsString({ each: true, message: 'must all be strings' })
  @MinLength(1, { each: true, message: 'must not hold empty strings' })
  @MaxLength(60, { each: true, message: 'must hold strings of at most 60 characters' })
  materials?: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a string' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  originCity?: string | null;

  @ApiPropertyOptional({ example: '6912.00' })
  @UnlessAbsent()
  @NormalizeHsCode()
  @IsHsCode()
  hsCode?: string;

  @ApiPropertyOptional({ type: [String] })
  @UnlessAbsent()
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, HTTPS_URLS)
  @MaxLength(2000, { each: true, message: 'must hold URLs of at most 2000 characters' })
  images?: string[];

  @ApiPropertyOptional({
    enum: PRODUCT_STATUSES,
    description: 'archived also stamps archived_at; leaving archived clears it',
  })
  @UnlessAbsent()
  @IsIn(PRODUCT_STATUSES, { message: 'must be draft, active or archived' })
  status?: ProductStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID(undefined, { message: 'must be the UUID of a category' })
  categoryId?: string | null;

  @ApiPropertyOptional({ type: [VariantChangeDto], description: VARIANT_CHANGES_DESCRIPTION })
  @UnlessAbsent()
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(50, { message: 'must have at most 50 changes' })
  @ValidateNested({ each: true })
  @Type(() => VariantChangeDto)
  variants?: VariantChangeDto[];
}
