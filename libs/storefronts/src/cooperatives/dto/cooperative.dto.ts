import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '@souk/catalogue';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REGION_CODES, type RegionCode } from '../../regions';
import { LEGAL_FORMS, type LegalForm } from '../cooperative.entity';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Optional in a PATCH, but validated when present: null does not mean "leave it as it is". */
const IfGiven = () => ValidateIf((_: object, value: unknown) => value !== undefined);

const Name = () =>
  applyDecorators(
    Transform(trimmed),
    IsString(),
    MinLength(2, { message: 'must be at least 2 characters' }),
    MaxLength(120),
  );
const City = () =>
  applyDecorators(
    Transform(trimmed),
    IsString(),
    MinLength(1, { message: 'must not be empty' }),
    MaxLength(80),
  );
const Region = () =>
  IsIn(REGION_CODES, { message: `must be one of Morocco's regions: ${REGION_CODES.join(', ')}` });
const Crafts = () =>
  applyDecorators(
    IsArray({ message: 'must be an array of crafts' }),
    ArrayMinSize(1, { message: 'must name at least one craft' }),
    ArrayMaxSize(CRAFTS.length),
    ArrayUnique({ message: 'must not repeat a craft' }),
    IsIn(CRAFTS, { each: true, message: `each value must be one of ${CRAFTS.join(', ')}` }),
  );
const Description = () =>
  applyDecorators(
    IsDefined(),
    ValidateNested(),
    Type(() => LocalizedTextDto),
  );
const LogoUrl = () =>
  applyDecorators(
    IsString({ message: 'must be an https URL' }),
    IsUrl(
      { protocols: ['https'], require_protocol: true, require_tld: true },
      { message: 'must be an https URL' },
    ),
    MaxLength(2048),
  );
const Text = () =>
  applyDecorators(IsString(), MinLength(1, { message: 'must not be empty' }), MaxLength(4000));

export class LocalizedTextDto {
  @ApiProperty({ example: 'Poterie de Fès tournée et peinte à la main, émaux sans plomb.' })
  @Text()
  fr: string;

  @ApiProperty({ example: 'Fès pottery, thrown and hand-painted, with lead-free glazes.' })
  @Text()
  en: string;

  @ApiProperty({ example: 'خزف فاسي مصنوع ومزخرف يدويا بطلاء خالٍ من الرصاص.' })
  @Text()
  ar: string;
}

export class CreateCooperativeDto {
  @ApiProperty({ example: 'Coopérative Poterie Bleue de Fès' })
  @Name()
  name: string;

  @ApiPropertyOptional({
    example: 'poterie-bleue-fes',
    description: 'Lowercase words joined by dashes, 3 to 60 characters; made from the name when left out',
  })
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters and digits, words joined by single dashes' })
  slug?: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS, { message: `must be one of ${LEGAL_FORMS.join(', ')}` })
  legalForm: LegalForm;

  @ApiProperty({ enum: REGION_CODES, example: 'fes-meknes' })
  @Region()
  region: RegionCode;

  @ApiProperty({ example: 'Fès' })
  @City()
  city: string;

  @ApiProperty({ enum: CRAFTS, isArray: true, example: ['pottery'] })
  @Crafts()
  crafts: Craft[];

  @ApiProperty({ type: LocalizedTextDto })
  @Description()
  description: LocalizedTextDto;

  @ApiPropertyOptional({ example: 'https://cdn.souk.dev/logos/poterie-bleue-fes.png' })
  @IsOptional()
  @LogoUrl()
  logoUrl?: string;
}

/** What members may change; the slug stays, since links to the storefront are out in the world. */
export class UpdateCooperativeDto {
  @ApiPropertyOptional() @IfGiven() @Name() name?: string;
  @ApiPropertyOptional() @IfGiven() @City() city?: string;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IfGiven() @Region() region?: RegionCode;
  @ApiPropertyOptional({ enum: CRAFTS, isArray: true }) @IfGiven() @Crafts() crafts?: Craft[];
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IfGiven() @Description() description?: LocalizedTextDto;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null removes the logo' })
  @IsOptional()
  @LogoUrl()
  logoUrl?: string | null;
}

export class VerificationDto {
  @ApiProperty({ description: 'true marks the cooperative verified; false withdraws it' })
  @IsBoolean({ message: 'must be true or false' })
  verified: boolean;
}
