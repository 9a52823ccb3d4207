import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../errors/problem';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { AUTH_REQUIREMENT, AuthRequirement, Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Resolves the caller from `Authorization: Bearer <JWT or API key>` on every route,
 * then enforces the route's @Auth requirement. A credential that is present but wrong
 * is refused even on public routes, so a client never silently acts anonymously.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const requirement = this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [
      context.getHandler(),
      context.getClass(),
    ]);

    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw Problem.unauthorized('Use Authorization: Bearer <token>');
      request.principal = ApiKeysService.looksLikeKey(token)
        ? await this.apiKeys.authenticate(token)
        : this.auth.verifyAccessToken(token);
      if (!request.principal)
        throw Problem.unauthorized('The token or API key is invalid, expired or revoked');
    }

    if (!requirement) return true;
    const principal = request.principal;
    if (!principal) throw Problem.unauthorized();
    if (principal.kind === 'user') {
      if (principal.role === 'admin' || !requirement.roles) return true;
      if (requirement.roles.includes(principal.role)) return true;
      throw Problem.forbidden(`This needs the role ${requirement.roles.join(' or ')}`);
    }
    if (requirement.roles && !requirement.scopes) throw Problem.forbidden('API keys cannot do this');
    if (requirement.scopes?.some((s) => principal.scopes.includes(s))) return true;
    throw Problem.forbidden(
      requirement.scopes
        ? `This API key needs the scope ${requirement.scopes.join(' or ')}`
        : 'API keys cannot do this',
    );
  }
}
