import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { PageQueryDto } from '../../storefronts/dto/list-storefronts.dto';

export const REVIEW_LOCALES = ['fr', 'en', 'ar'] as const;
export type ReviewLocale = (typeof REVIEW_LOCALES)[number];

export const REVIEW_SORTS = ['newest', 'highest', 'lowest'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export const MAX_IMAGES = 6;
export const TITLE_MAX_LENGTH = 120;
/** What a request may carry before its HTML is removed; the stored text is checked against config. */
const RAW_TEXT_LIMIT = 20_000;

/** One rule, so a bad rating gets one message, not three. */
const IsStars = () =>
  ValidateBy({
    name: 'isStars',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5,
      defaultMessage: () => 'must be a whole number of stars from 1 to 5',
    },
  });

const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsStars()
  rating: number;

  @ApiProperty({ example: 'Beautiful bowl, carefully packed', maxLength: TITLE_MAX_LENGTH })
  @IsString()
  @Length(1, 1000, { message: 'must be 1 to 1000 characters' })
  title: string;

  @ApiProperty({
    example: 'The cobalt is deeper than on the photos and it arrived in Lyon without a scratch.',
    description: 'Plain text; HTML is removed before it is stored',
  })
  @IsString()
  @Length(1, RAW_TEXT_LIMIT, { message: `must be 1 to ${RAW_TEXT_LIMIT} characters` })
  text: string;

  @ApiProperty({ enum: REVIEW_LOCALES, description: 'The language the review is written in' })
  @IsIn(REVIEW_LOCALES, { message: `must be one of ${REVIEW_LOCALES.join(', ')}` })
  locale: ReviewLocale;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_IMAGES,
    example: ['https://cdn.example.com/r/bowl.jpg'],
  })
  @IsOptional()
  @IsArray({ message: 'must be an array of https URLs' })
  @ArrayMaxSize(MAX_IMAGES, { message: `must hold at most ${MAX_IMAGES} images` })
  @ArrayUnique({ message: 'must not repeat an image' })
  @MaxLength(500, { each: true, message: 'each URL must be at most 500 characters' })
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true },
    { each: true, message: 'each image must be an https URL' },
  )
  images?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The delivered order line the review is for; by default the buyer’s oldest delivered line of this product not yet reviewed',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  orderLineId?: string;
}

export class ReplyDto {
  @ApiProperty({ example: 'Merci Claire ! Chaque bol est tourné par Si Mohammed.' })
  @IsString()
  @Length(1, RAW_TEXT_LIMIT, { message: `must be 1 to ${RAW_TEXT_LIMIT} characters` })
  text: string;
}

export class HideReviewDto {
  @ApiProperty({ example: 'Personal data of the artisan in the text' })
  @IsString()
  @Length(3, 500, { message: 'must be 3 to 500 characters' })
  reason: string;
}

export class UnhideReviewDto {
  @ApiProperty({ example: 'Checked with the buyer: the text is fine' })
  @IsString()
  @Length(3, 500, { message: 'must be 3 to 500 characters' })
  reason: string;
}

export class ReportReviewDto {
  @ApiProperty({ example: 'Advertises another shop' })
  @IsString()
  @Length(3, 500, { message: 'must be 3 to 500 characters' })
  reason: string;
}

export class ListReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(REVIEW_SORTS, { message: `must be one of ${REVIEW_SORTS.join(', ')}` })
  sort?: ReviewSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Only reviews with this many stars' })
  @IsOptional()
  @Transform(integer)
  @IsStars()
  rating?: number;

  @ApiPropertyOptional({ enum: REVIEW_LOCALES })
  @IsOptional()
  @IsIn(REVIEW_LOCALES, { message: `must be one of ${REVIEW_LOCALES.join(', ')}` })
  locale?: ReviewLocale;
}
