import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Problem, Sql, type SqlTransaction } from '@souk/platform';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { Cooperative, CooperativeMember } from './cooperative.entity';
import {
  COOPERATIVE_EXTRA_COLUMNS,
  toCooperativeView,
  type CooperativeRow,
  type CooperativeView,
} from './cooperative.view';
import type { CreateCooperativeDto, LocalizedTextDto, UpdateCooperativeDto } from './dto/cooperative.dto';
import { nextFreeSlug, slugFromName } from './slug';
import { STOREFRONT_COLUMNS } from '../storefronts/storefront.view';

/** Attempts at a generated slug before falling back to a random suffix (two founders racing on one name). */
const SLUG_ATTEMPTS = 3;

const slugOf = (row: { slug: string }) => row.slug;
const localized = (text: LocalizedTextDto) => ({ fr: text.fr, en: text.en, ar: text.ar });

@Injectable()
export class CooperativesService {
  constructor(
    private readonly sql: Sql,
    @InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>,
  ) {}

  /** Opens a cooperative; its founder becomes its owner in the same transaction. */
  async create(dto: CreateCooperativeDto, founderId: string): Promise<CooperativeView> {
    const id = await this.sql.transaction(async (tx) => {
      const created = dto.slug
        ? await this.insert(tx, dto, dto.slug)
        : await this.insertWithGeneratedSlug(tx, dto);
      if (!created) {
        throw Problem.conflict(
          dto.slug ? `The slug ${dto.slug} is already taken` : 'No free slug was found for this name',
          {
            errors: [{ field: 'slug', message: 'is already taken by another storefront' }],
          },
        );
      }
      await tx.manager.insert(CooperativeMember, {
        cooperativeId: created,
        userId: founderId,
        role: 'owner',
      });
      return created;
    });
    return this.view(id);
  }

  async update(id: string, dto: UpdateCooperativeDto): Promise<CooperativeView> {
    const changes: Partial<Cooperative> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.city !== undefined) changes.city = dto.city;
    if (dto.region !== undefined) changes.region = dto.region;
    if (dto.crafts !== undefined) changes.crafts = dto.crafts;
    if (dto.description !== undefined) changes.description = localized(dto.description);
    if (dto.logoUrl !== undefined) changes.logoUrl = dto.logoUrl;
    if (Object.keys(changes).length > 0) await this.cooperatives.update({ id }, changes);
    return this.view(id);
  }

  /** Marks the cooperative verified by an admin, or withdraws it. Verifying twice keeps the first record. */
  async setVerified(id: string, verified: boolean, adminId: string): Promise<CooperativeView> {
    const updated = await this.sql.one(
      `UPDATE cooperative
          SET verified_at = CASE WHEN $2::boolean THEN coalesce(verified_at, now()) END,
              verified_by = CASE WHEN $2::boolean THEN CASE WHEN verified_at IS NULL THEN $3::uuid ELSE verified_by END END,
              updated_at = now()
        WHERE id = $1
        RETURNING id`,
      [id, verified, adminId],
    );
    if (!updated) throw Problem.notFound('Cooperative', id);
    return this.view(id);
  }

  /** The members' view of a cooperative, in one statement. */
  async view(id: string): Promise<CooperativeView> {
    const row = await this.sql.one<CooperativeRow>(
      `SELECT ${STOREFRONT_COLUMNS}, ${COOPERATIVE_EXTRA_COLUMNS} FROM cooperative c WHERE c.id = $1`,
      [id],
    );
    if (!row) throw Problem.notFound('Cooperative', id);
    return toCooperativeView(row);
  }

  /** Inserts under `slug`; undefined when the slug is taken (ON CONFLICT keeps the transaction usable). */
  private async insert(
    tx: SqlTransaction,
    dto: CreateCooperativeDto,
    slug: string,
  ): Promise<string | undefined> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO cooperative (slug, name, legal_form, region, city, crafts, description, logo_url)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8)
       ON CONFLICT (slug) DO NOTHING
       RETURNING id`,
      [
        slug,
        dto.name,
        dto.legalForm,
        dto.region,
        dto.city,
        dto.crafts,
        JSON.stringify(localized(dto.description)),
        dto.logoUrl ?? null,
      ],
    );
    return row?.id;
  }

  /** A slug from the name, with "-2", "-3"… when storefronts already use it. */
  private async insertWithGeneratedSlug(
    tx: SqlTransaction,
    dto: CreateCooperativeDto,
  ): Promise<string | undefined> {
    const base = slugFromName(dto.name);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      // base is [a-z0-9-] only, so it is safe inside the pattern
      const taken = await tx.rows<{ slug: string }>(
        `SELECT slug FROM cooperative WHERE slug = $1 OR slug ~ ('^' || $1 || '-[0-9]+$')`,
        [base],
      );
      const id = await this.insert(tx, dto, nextFreeSlug(base, taken.map(slugOf)));
      if (id) return id;
    }
    return this.insert(tx, dto, `${base}-${randomBytes(3).toString('hex')}`);
  }
}
