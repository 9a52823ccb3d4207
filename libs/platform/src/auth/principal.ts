import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const SCOPES = [
  'catalogue:read',
  'catalogue:write',
  'storefronts:write',
  'orders:read',
  'orders:write',
  'insights:read',
  'webhooks:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

export type UserRole = 'buyer' | 'admin';

/** Who is calling: a signed-in person, or an integration partner's API key. */
export type Principal =
  | { kind: 'user'; userId: string; role: UserRole }
  | { kind: 'api-key'; keyId: string; scopes: readonly Scope[]; cooperativeId: string | null };

export interface AuthRequirement {
  /** Only these user roles; admins always pass. */
  roles?: UserRole[];
  /** API keys need one of these scopes; without scopes, API keys are refused. */
  scopes?: Scope[];
}

export const AUTH_REQUIREMENT = 'souk:auth';

/** The route needs a principal; without this decorator a route is public. */
export const Auth = (requirement: AuthRequirement = {}) => SetMetadata(AUTH_REQUIREMENT, requirement);

/** The caller, as resolved by the authentication guard (undefined on public routes called anonymously). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined => ctx.switchToHttp().getRequest().principal,
);

export const isAdmin = (p: Principal | undefined): boolean => p?.kind === 'user' && p.role === 'admin';
