import { describe, expect, it } from '@jest/globals';
import { loadNative } from './support/native';

type Platform = typeof import('@souk/platform');
const { readEnv, prepareRuntime, ConfigError } = loadNative<Platform>('@souk/platform');

describe('configuration', () => {
  it('applies defaults', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3000, NODE_ENV: 'development', QUEUE_PREFIX: 'souk' });
  });

  it('converts numbers and names every wrong value', () => {
    expect(readEnv({ PORT: '8080' }).PORT).toBe(8080);
    let error: unknown;
    try {
      readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL']) expect(message).toContain(name);
    expect(message).toContain('must be a postgres:// connection URL');
  });

  it('refuses to start in production without its secrets from the environment', async () => {
    await expect(prepareRuntime({ NODE_ENV: 'production' })).rejects.toThrow(
      /DATABASE_URL is required in production/,
    );
    await expect(
      prepareRuntime({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }),
    ).rejects.toThrow(/JWT_SECRET is required in production/);
  });
});
