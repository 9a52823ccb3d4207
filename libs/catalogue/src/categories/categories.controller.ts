import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '@souk/platform';
import { CategoriesService } from './categories.service';
import { CategoryTreeView, CategoryView, CreateCategoryDto } from './dto/category.dto';

@ApiTags('catalogue')
@Controller('v1/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOperation({ summary: 'The category tree, children nested, names per locale' })
  @ApiOkResponse({ type: CategoryTreeView })
  async tree(): Promise<CategoryTreeView> {
    return { items: await this.categories.tree() };
  }

  @Post()
  @Auth({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a category (admins)' })
  @ApiCreatedResponse({ type: CategoryView })
  create(@Body() dto: CreateCategoryDto): Promise<CategoryView> {
    return this.categories.create(dto);
  }
}
