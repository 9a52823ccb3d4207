import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PAYMENT_PROVIDERS, type PaymentProviderCode } from '@souk/payments';

export const PAYMENT_CURRENCIES = ['MAD', 'EUR', 'USD'] as const;
export const LOCALES = ['fr', 'en', 'ar'] as const;
const text = (max: number) => Length(1, max, { message: `must be 1 to ${max} characters` });

export class ShippingAddressDto {
  @ApiProperty({ example: 'Claire Martin' })
  @IsString()
  @text(200)
  name: string;

  @ApiPropertyOptional({
    example: 'claire.martin@example.fr',
    description: 'Required for guests; signed-in buyers default to their account email',
  })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional()
  @IsString()
  @text(40)
  phone?: string;

  @ApiProperty({ example: '12 rue des Tanneurs' })
  @IsString()
  @text(200)
  line1: string;

  @ApiPropertyOptional({ example: 'Bâtiment B' })
  @IsOptional()
  @IsString()
  @Length(0, 200, { message: 'must be at most 200 characters' })
  line2?: string;

  @ApiProperty({ example: 'Lyon' })
  @IsString()
  @text(100)
  city: string;

  @ApiPropertyOptional({ example: 'Auvergne-Rhône-Alpes' })
  @IsOptional()
  @IsString()
  @Length(0, 100, { message: 'must be at most 100 characters' })
  region?: string;

  @ApiPropertyOptional({ example: '69001' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: 'must be 2 to 12 letters, digits, spaces or dashes' })
  postalCode?: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2; must be the quotes’ destination' })
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US or FR' })
  country: string;
}

export class ShippingChoiceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  cooperativeId: string;

  @ApiProperty({ format: 'uuid', description: 'An option id from POST /v1/shipping/quotes' })
  @IsUUID('all', { message: 'must be a UUID' })
  quoteOptionId: string;
}

export class CheckoutDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  cartId: string;

  @ApiProperty({ type: ShippingAddressDto })
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress: ShippingAddressDto;

  @ApiProperty({ type: [ShippingChoiceDto], description: 'One shipping option per cooperative in the cart' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must choose a shipping option for each cooperative in the cart' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ShippingChoiceDto)
  shipping: ShippingChoiceDto[];

  @ApiProperty({ enum: PAYMENT_PROVIDERS })
  @IsIn(PAYMENT_PROVIDERS, { message: `must be one of ${PAYMENT_PROVIDERS.join(', ')}` })
  paymentProvider: PaymentProviderCode;

  @ApiPropertyOptional({
    enum: PAYMENT_CURRENCIES,
    description: "What the buyer pays in; default the cart's currency when it is one of these, else MAD",
  })
  @IsOptional()
  @IsIn(PAYMENT_CURRENCIES, { message: `must be one of ${PAYMENT_CURRENCIES.join(', ')}` })
  currency?: (typeof PAYMENT_CURRENCIES)[number];

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: "The payment page's language" })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be fr, en or ar' })
  locale?: (typeof LOCALES)[number];
}
