import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SUB_ORDER_STATUSES, type SubOrderStatus } from '../states';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const LIMIT = { message: `must be an integer from 1 to ${MAX_LIMIT}` };

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'is not a cursor this list gave out' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt(LIMIT)
  @Min(1, LIMIT)
  @Max(MAX_LIMIT, LIMIT)
  limit?: number;
}

export class ListSubOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'One status or several, comma-separated; all when left out',
    example: 'paid,accepted',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value,
  )
  @IsIn(SUB_ORDER_STATUSES, {
    each: true,
    message: `must be ${SUB_ORDER_STATUSES.join(', ')} (comma-separated)`,
  })
  status?: SubOrderStatus[];
}

export class ShipDto {
  @ApiProperty({ example: 'dhl-express', description: 'Who carries the parcel' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}$/, {
    message: 'must be 1 to 60 letters, digits, spaces, dots or dashes',
  })
  carrier: string;

  @ApiProperty({ example: '1234567890' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/, { message: 'must be 4 to 40 letters, digits or dashes' })
  trackingNumber: string;
}
