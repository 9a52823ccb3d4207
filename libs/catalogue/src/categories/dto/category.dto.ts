import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalizedNameDto } from '../../localized.dto';
import { LocalizedView } from '../../products/product.view';

export class CreateCategoryDto {
  @ApiProperty({ example: 'tableware', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'must be lowercase letters and digits separated by single hyphens',
  })
  slug: string;

  @ApiProperty({
    type: LocalizedNameDto,
    example: { fr: 'Art de la table', en: 'Tableware', ar: 'أواني المائدة' },
  })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name: LocalizedNameDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The parent category; a top-level category when left out',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'must be the UUID of a category' })
  parentId?: string;

  @ApiPropertyOptional({ default: 0, description: 'Order among its siblings' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be 0 or more' })
  @Max(10_000, { message: 'must be at most 10000' })
  position?: number;
}

export class CategoryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedView }) name: LocalizedView;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty() position: number;
  @ApiProperty({ type: () => [CategoryView] }) children: CategoryView[];
}

export class CategoryTreeView {
  @ApiProperty({ type: [CategoryView], description: 'Top-level categories, each with its children nested' })
  items: CategoryView[];
}
