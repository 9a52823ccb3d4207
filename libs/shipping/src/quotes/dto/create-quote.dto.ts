import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIntBetween, IsList } from './validators';

export const MAX_ITEMS = 50;
export const MAX_QUANTITY = 100;
const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_MESSAGE = { message: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. US' };
const CURRENCY = /^[A-Z]{3}$/;

export class DestinationDto {
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, COUNTRY_MESSAGE)
  country: string;

  @ApiPropertyOptional({ example: '60614', nullable: true, description: 'Required for Canada (GST or HST)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, {
    message: 'must be 2 to 12 letters, digits, spaces or dashes',
  })
  postalCode?: string | null;

  @ApiPropertyOptional({ example: 'Chicago', description: 'Helps live carrier rating' })
  @IsOptional()
  @IsString()
  @Length(1, 80, { message: 'must be 1 to 80 characters' })
  city?: string;
}

export class QuoteItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a variant id (UUID)' })
  variantId: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: MAX_QUANTITY })
  @IsIntBetween(1, MAX_QUANTITY, `must be an integer from 1 to ${MAX_QUANTITY}`)
  quantity: number;
}

export class DimensionsInputDto {
  @ApiProperty({ example: 400 }) @IsIntBetween(1, 3000, 'must be 1 to 3000 millimetres') length: number;
  @ApiProperty({ example: 300 }) @IsIntBetween(1, 3000, 'must be 1 to 3000 millimetres') width: number;
  @ApiProperty({ example: 200 }) @IsIntBetween(1, 3000, 'must be 1 to 3000 millimetres') height: number;
}

export class ParcelInputDto {
  @ApiProperty({ example: 2500, description: 'Actual weight, packaging included' })
  @IsIntBetween(1, 1_000_000, 'must be 1 to 1000000 grams')
  weightGrams: number;

  @ApiProperty({ type: DimensionsInputDto, description: 'Outer dimensions in millimetres' })
  @IsObject({ message: 'must be an object {length, width, height}' })
  @ValidateNested()
  @Type(() => DimensionsInputDto)
  dimensionsMm: DimensionsInputDto;
}

export class MoneyInputDto {
  @ApiProperty({ example: 120000, description: 'Minor units' })
  @IsIntBetween(1, 10_000_000_000, 'must be a positive integer (minor units)')
  amount: number;

  @ApiProperty({ example: 'MAD' })
  @Matches(CURRENCY, { message: 'must be an ISO 4217 code, e.g. MAD' })
  currency: string;
}

export class CustomsLineDto {
  @ApiProperty({ example: '6912.00', description: 'HS code, 6 to 10 digits (dots allowed)' })
  @Matches(/^\d{4}\.?\d{2}(\.?\d{2}){0,2}$/, {
    message: 'must be 6 to 10 digits (dots allowed, e.g. 6912.00)',
  })
  hsCode: string;

  @ApiProperty({ example: 'Glazed earthenware bowls' })
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  description: string;

  @ApiProperty({ example: 4 })
  @IsIntBetween(1, 10_000, 'must be an integer from 1 to 10000')
  quantity: number;

  @ApiProperty({ type: MoneyInputDto, description: 'Value of the whole line' })
  @IsObject({ message: 'must be an object {amount, currency}' })
  @ValidateNested()
  @Type(() => MoneyInputDto)
  value: MoneyInputDto;

  @ApiPropertyOptional({ example: 'MA', default: 'MA' })
  @IsOptional()
  @Matches(COUNTRY, COUNTRY_MESSAGE)
  originCountry?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Preferential origin is declared (origin statement on the invoice)',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  preferentialOrigin?: boolean;
}

export class CreateQuoteDto {
  @ApiProperty({ type: DestinationDto })
  @IsObject({ message: 'must be an object {country, postalCode}' })
  @ValidateNested()
  @Type(() => DestinationDto)
  destination: DestinationDto;

  @ApiPropertyOptional({ type: [QuoteItemDto], description: 'Cart lines; or give parcels and lines' })
  @ValidateIf((o: CreateQuoteDto) => o.items !== undefined || o.parcels === undefined)
  @IsList(1, MAX_ITEMS, {
    notList: 'must be a list of {variantId, quantity} (or give parcels and lines)',
    tooFew: 'must have at least one item',
    tooMany: `must have at most ${MAX_ITEMS} items`,
  })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items?: QuoteItemDto[];

  @ApiPropertyOptional({ type: [ParcelInputDto], description: "Partners: the shipment's own parcels" })
  @IsOptional()
  @IsList(1, 50, {
    notList: 'must be a list of parcels',
    tooFew: 'must have at least one parcel',
    tooMany: 'must have at most 50 parcels',
  })
  @ValidateNested({ each: true })
  @Type(() => ParcelInputDto)
  parcels?: ParcelInputDto[];

  @ApiPropertyOptional({ type: [CustomsLineDto], description: 'Partners: customs lines, with parcels' })
  @ValidateIf((o: CreateQuoteDto) => o.parcels !== undefined || o.lines !== undefined)
  @IsList(1, 100, {
    notList: 'must be a list of customs lines (required with parcels)',
    tooFew: 'must have at least one customs line',
    tooMany: 'must have at most 100 customs lines',
  })
  @ValidateNested({ each: true })
  @Type(() => CustomsLineDto)
  lines?: CustomsLineDto[];

  @ApiPropertyOptional({ example: 'USD', description: "The buyer's currency; default the destination's" })
  @IsOptional()
  @Matches(CURRENCY, { message: 'must be an ISO 4217 code, e.g. USD' })
  currency?: string;

  @ApiPropertyOptional({
    enum: ['DDP', 'DAP'],
    description: 'Only options with this incoterm (when offered)',
  })
  @IsOptional()
  @IsIn(['DDP', 'DAP'], { message: 'must be DDP or DAP' })
  incoterm?: 'DDP' | 'DAP';
}
