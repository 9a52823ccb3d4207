import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Text a buyer reads: French and English are required, Arabic is optional (returned as null when absent). */
export class LocalizedNameDto {
  @ApiProperty({ example: 'Bol de service bleu de Safi', maxLength: 200 })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  fr: string;

  @ApiProperty({ example: 'Blue Safi serving bowl', maxLength: 200 })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  en: string;

  @ApiPropertyOptional({ example: 'زلافة آسفي الزرقاء', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  ar?: string;
}

export class LocalizedDescriptionDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString({ message: 'must be a string' })
  @MaxLength(5000, { message: 'must be at most 5000 characters' })
  fr: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString({ message: 'must be a string' })
  @MaxLength(5000, { message: 'must be at most 5000 characters' })
  en: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(5000, { message: 'must be at most 5000 characters' })
  ar?: string;
}
