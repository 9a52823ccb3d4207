import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SOUK_CONFIG } from '../config/config.module';
import type { SoukConfig } from '../config/env';
import { Sql } from '../database/sql';
import { Problem } from '../errors/problem';
import { LoginDto, MeDto, RegisterDto, TokensDto } from './dto/auth.dto';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { Principal, UserRole } from './principal';
import { randomToken, sha256 } from './tokens';

interface AccessClaims {
  sub: string;
  role: UserRole;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly sql: Sql,
    private readonly jwt: JwtService,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  async register(dto: RegisterDto, role: UserRole = 'buyer'): Promise<{ id: string }> {
    const passwordHash = await hashPassword(dto.password);
    const rows = await this.sql.rows<{ id: string }>(
      `INSERT INTO app_user (email, password_hash, name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [dto.email, passwordHash, dto.name, role],
    );
    if (rows.length === 0) {
      throw Problem.conflict('An account with this email already exists', {
        errors: [{ field: 'email', message: 'is already registered' }],
      });
    }
    return { id: rows[0].id };
  }

  async login(dto: LoginDto): Promise<TokensDto> {
    const user = await this.sql.one<{ id: string; role: UserRole; password_hash: string }>(
      `SELECT id, role, password_hash FROM app_user WHERE lower(email) = lower($1)`,
      [dto.email],
    );
    // Verify against a decoy when the email is unknown, so timing does not reveal accounts.
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), dto.password);
    if (!user || !ok) throw Problem.unauthorized('Email or password is wrong');
    return this.issueTokens(user.id, user.role);
  }

  /** Trades a refresh token for new tokens; each refresh token works once. */
  async refresh(refreshToken: string): Promise<TokensDto> {
    const rows = await this.sql.rows<{ user_id: string; role: UserRole }>(
      `UPDATE refresh_token t SET revoked_at = now()
         FROM app_user u
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.id = t.user_id
        RETURNING t.user_id, u.role`,
      [sha256(refreshToken)],
    );
    if (rows.length === 0) throw Problem.unauthorized('The refresh token is unknown, used or expired');
    return this.issueTokens(rows[0].user_id, rows[0].role);
  }

  async logout(userId: string): Promise<void> {
    await this.sql.rows(
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.sql.one<MeDto>(
      `SELECT u.id, u.email, u.name, u.role,
              coalesce(json_agg(json_build_object('cooperativeId', m.cooperative_id, 'role', m.role))
                       FILTER (WHERE m.cooperative_id IS NOT NULL), '[]') AS cooperatives
         FROM app_user u LEFT JOIN cooperative_member m ON m.user_id = u.id
        WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    if (!user) throw Problem.notFound('User', userId);
    return user;
  }

  verifyAccessToken(token: string): Principal | undefined {
    try {
      const claims = this.jwt.verify<AccessClaims>(token);
      return { kind: 'user', userId: claims.sub, role: claims.role };
    } catch {
      return undefined;
    }
  }

  private async issueTokens(userId: string, role: UserRole): Promise<TokensDto> {
    const refreshToken = randomToken();
    await this.sql.rows(
      `INSERT INTO refresh_token (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`,
      [userId, sha256(refreshToken), this.config.REFRESH_TTL_DAYS],
    );
    const claims: AccessClaims = { sub: userId, role };
    return {
      accessToken: this.jwt.sign(claims),
      expiresIn: this.config.JWT_TTL_SECONDS,
      refreshToken,
    };
  }
}
