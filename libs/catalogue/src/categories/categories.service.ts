import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Problem, Sql } from '@souk/platform';
import type { Repository } from 'typeorm';
import { pgError } from '../slugs';
import { Category } from './category.entity';
import type { CategoryView, CreateCategoryDto } from './dto/category.dto';

@Injectable()
export class CategoriesService {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    private readonly sql: Sql,
  ) {}

  /** The whole tree, in one read: a few hundred rows at most, nested in memory. */
  async tree(): Promise<CategoryView[]> {
    const rows = await this.categories.find({ order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    const nodes = new Map<string, CategoryView>(rows.map((c) => [c.id, view(c)]));
    const roots: CategoryView[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  async create(dto: CreateCategoryDto): Promise<CategoryView> {
    if (dto.parentId && !(await this.sql.one(`SELECT 1 FROM category WHERE id = $1`, [dto.parentId]))) {
      throw Problem.field('parentId', 'is not a category');
    }
    try {
      const [row] = await this.sql.rows<Category>(
        `INSERT INTO category (parent_id, slug, name, position) VALUES ($1, $2, $3::jsonb, $4)
         RETURNING id, parent_id AS "parentId", slug, name, position, created_at AS "createdAt"`,
        [
          dto.parentId ?? null,
          dto.slug,
          JSON.stringify({ fr: dto.name.fr, en: dto.name.en, ...(dto.name.ar ? { ar: dto.name.ar } : {}) }),
          dto.position ?? 0,
        ],
      );
      return view(row);
    } catch (err) {
      if (pgError(err).code === '23505') {
        throw Problem.conflict(`The slug ${dto.slug} is already used by another category`, {
          errors: [{ field: 'slug', message: 'is already used by another category' }],
        });
      }
      // A parent deleted between the check and the insert.
      if (pgError(err).code === '23503') throw Problem.field('parentId', 'is not a category');
      if (pgError(err).code?.startsWith('22'))
        throw Problem.validation([], 'A value is out of range or malformed');
      throw err;
    }
  }
}

function view(c: Category): CategoryView {
  return {
    id: c.id,
    slug: c.slug,
    name: { fr: c.name.fr, en: c.name.en, ar: c.name.ar ?? null },
    parentId: c.parentId,
    position: c.position,
    children: [],
  };
}
