import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SCOPES, type Scope } from '../principal';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Anou listing sync' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['catalogue:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true, message: `each value must be one of ${SCOPES.join(', ')}` })
  scopes: Scope[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Binds the key to one cooperative, which it may then act for',
  })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: Scope[];
  @ApiProperty({ format: 'uuid', nullable: true }) cooperativeId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true }) revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. It is shown this once and never again.' })
  key: string;
}
