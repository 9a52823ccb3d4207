import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const MAX_QUANTITY = 1000;
export const MAX_CART_LINES = 50;
const QUANTITY = { message: `must be an integer from 1 to ${MAX_QUANTITY}` };
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = { message: 'must be an ISO 4217 code such as MAD, EUR or USD' };

export class CartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  variantId: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY, example: 1 })
  @IsInt(QUANTITY)
  @Min(1, QUANTITY)
  @Max(MAX_QUANTITY, QUANTITY)
  quantity: number;
}

export class CreateCartDto {
  @ApiPropertyOptional({
    example: 'EUR',
    default: 'MAD',
    description: 'Display currency: subtotals are shown in MAD and in this currency',
  })
  @IsOptional()
  @Matches(CURRENCY, CURRENCY_MESSAGE)
  currency?: string;

  @ApiPropertyOptional({ type: [CartItemDto], maxItems: MAX_CART_LINES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CART_LINES, { message: `must hold at most ${MAX_CART_LINES} items` })
  @ValidateNested({ each: true })
  @Type(() => CartItemDto)
  items?: CartItemDto[];
}

export class UpdateCartDto {
  @ApiProperty({ example: 'USD', description: 'Display currency' })
  @Matches(CURRENCY, CURRENCY_MESSAGE)
  currency: string;
}

export class QuantityDto {
  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY, example: 2 })
  @IsInt(QUANTITY)
  @Min(1, QUANTITY)
  @Max(MAX_QUANTITY, QUANTITY)
  quantity: number;
}

export class CartQueryDto {
  @ApiPropertyOptional({ example: 'USD', description: 'Show the cart in this currency instead of its own' })
  @IsOptional()
  @Matches(CURRENCY, CURRENCY_MESSAGE)
  currency?: string;
}
