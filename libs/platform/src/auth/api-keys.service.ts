import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '../database/sql';
import { Problem } from '../errors/problem';
import { ApiKeyDto as ApiKeyView, CreateApiKeyDto } from './dto/api-key.dto';
import type { Principal, Scope } from './principal';
import { randomToken, sameSecret, sha256 } from './tokens';

/** A partner's key looks like `souk_<prefix>_<secret>`; only the prefix is stored in clear. */
const VIEW = `id, name, prefix, scopes, cooperative_id AS "cooperativeId", created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

const KEY_PATTERN = /^souk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

@Injectable()
export class ApiKeysService {
  private readonly log = new Logger(ApiKeysService.name);

  constructor(private readonly sql: Sql) {}

  static looksLikeKey(token: string): boolean {
    return token.startsWith('souk_');
  }

  /** Creates a key; the returned `key` is the only time the secret is ever shown. */
  async create(dto: CreateApiKeyDto, createdBy: string): Promise<ApiKeyView & { key: string }> {
    const prefix = randomToken(9)
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 12);
    const secret = randomToken(32);
    if (
      dto.cooperativeId &&
      !(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [dto.cooperativeId]))
    ) {
      throw Problem.field('cooperativeId', 'is not a cooperative');
    }
    const [created] = await this.sql.rows<ApiKeyView>(
      `INSERT INTO api_key (name, prefix, key_hash, scopes, cooperative_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${VIEW}`,
      [dto.name, prefix, sha256(secret), dto.scopes, dto.cooperativeId ?? null, createdBy],
    );
    return { ...created, key: `souk_${prefix}_${secret}` };
  }

  list(): Promise<ApiKeyView[]> {
    return this.sql.rows<ApiKeyView>(`SELECT ${VIEW} FROM api_key ORDER BY created_at DESC, id DESC`);
  }

  async revoke(id: string): Promise<void> {
    const revoked = await this.sql.one(
      `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id`,
      [id],
    );
    if (!revoked) throw Problem.notFound('API key', id);
  }

  /** Resolves a presented key, in constant time on its secret; undefined when unknown or revoked. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const match = KEY_PATTERN.exec(token);
    if (!match) return undefined;
    const [, prefix, secret] = match;
    const row = await this.sql.one<{
      id: string;
      key_hash: string;
      scopes: Scope[];
      cooperative_id: string | null;
    }>(`SELECT id, key_hash, scopes, cooperative_id FROM api_key WHERE prefix = $1 AND revoked_at IS NULL`, [
      prefix,
    ]);
    if (!row || !sameSecret(row.key_hash, sha256(secret))) return undefined;
    // At most one write a minute per key, and never in the request's way.
    this.sql
      .rows(
        `UPDATE api_key SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.id],
      )
      .catch((err: unknown) => this.log.warn({ err }, 'could not record API key use'));
    return { kind: 'api-key', keyId: row.id, scopes: row.scopes, cooperativeId: row.cooperative_id };
  }
}
