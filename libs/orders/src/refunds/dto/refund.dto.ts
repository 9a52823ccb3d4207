import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';

export class RefundLineDto {
  @ApiProperty({ format: 'uuid', description: 'An order line id (subOrders[].lines[].id)' })
  @IsUUID('all', { message: 'must be a UUID' })
  lineId: string;

  @ApiProperty({ minimum: 1, example: 1 })
  @IsInt({ message: 'must be a whole number of units' })
  @Min(1, { message: 'must be at least 1' })
  quantity: number;
}

/**
 * Without subOrderId: the whole order (what is left of it). With subOrderId alone: that sub-order
 * whole, delivery included. With lines: those units of that sub-order, delivery only if asked.
 */
export class CreateRefundDto {
  @ApiProperty({ example: 'Tile broken in transit' })
  @IsString()
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  reason: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  subOrderId?: string;

  @ApiPropertyOptional({ type: [RefundLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one line (or leave lines out for the whole sub-order)' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RefundLineDto)
  lines?: RefundLineDto[];

  @ApiPropertyOptional({ default: false, description: 'With lines: refund the delivery charge too' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  includeShipping?: boolean;
}
