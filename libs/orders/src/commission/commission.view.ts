import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export class CommissionView {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ example: 1000, description: 'Basis points of the goods: 1000 is 10%' }) rateBp: number;
  @ApiProperty({
    description: "True when the marketplace default applies (no rate of the cooperative's own)",
  })
  isDefault: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class SetCommissionDto {
  @ApiProperty({
    example: 800,
    nullable: true,
    type: Number,
    description: 'Basis points (0 to 10000); null goes back to the marketplace default',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'must be an integer number of basis points, or null' })
  @Min(0, { message: 'must be from 0 to 10000' })
  @Max(10_000, { message: 'must be from 0 to 10000' })
  rateBp: number | null;
}
