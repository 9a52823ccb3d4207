import type { Throttle } from '@nestjs/throttler';

type ThrottleOptions = Parameters<typeof Throttle>[0];

// Decorators are evaluated at import, before the configuration is read; the limit is
// therefore resolved per request from this value, which PlatformModule sets from AUTH_RATE_LIMIT_PER_MINUTE.
let authLimitPerMinute = 20;
export const setAuthRateLimit = (perMinute: number): void => {
  authLimitPerMinute = perMinute;
};

/** Sign-up, sign-in and refresh: a tighter budget per client address against credential stuffing. */
export const AUTH_THROTTLE: ThrottleOptions = {
  default: { limit: () => authLimitPerMinute, ttl: 60_000 },
};
