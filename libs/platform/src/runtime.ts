import { ConfigError, readEnv, SoukConfig } from './config/env';
import { devSecrets } from './config/dev-secrets';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { migrate } from './database/data-source-options';

export interface Runtime {
  readonly config: SoukConfig;
  /** True when PostgreSQL runs inside this process tree from the embedded default. */
  readonly embedded: boolean;
  /** Stops the embedded database, if any; call after the application has closed. */
  stopDatabase(): Promise<void>;
}

/**
 * Everything a process needs before Nest starts: a valid configuration, a database
 * (the one named by DATABASE_URL, or the embedded default) and an up-to-date schema.
 */
export async function prepareRuntime(source: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const env = readEnv(source);
  if (env.NODE_ENV === 'production') {
    const missing = (['DATABASE_URL', 'JWT_SECRET', 'WEBHOOK_SIGNING_KEY'] as const).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map(
          (k) =>
            `${k} is required in production (the embedded default and generated secrets are for development only)`,
        ),
      );
    }
  }
  const secrets =
    env.DATABASE_URL && env.JWT_SECRET && env.WEBHOOK_SIGNING_KEY ? undefined : devSecrets(env.DATA_DIR);
  let url = env.DATABASE_URL;
  let stopDatabase = async (): Promise<void> => undefined;
  if (!url) {
    const db = await startEmbeddedPostgres({
      dataDir: env.DATA_DIR,
      port: env.EMBEDDED_PG_PORT,
      password: secrets!.databasePassword,
      database: 'souk',
    });
    url = db.url;
    stopDatabase = db.stop;
  }
  await migrate(url);
  const config: SoukConfig = Object.freeze({
    ...env,
    DATABASE_URL: url,
    JWT_SECRET: env.JWT_SECRET ?? secrets!.jwtSecret,
    WEBHOOK_SIGNING_KEY: env.WEBHOOK_SIGNING_KEY ?? secrets!.webhookSigningKey,
  });
  return { config, embedded: !env.DATABASE_URL, stopDatabase };
}

/**
 * On SIGINT or SIGTERM: run `stop` once (close the app, then the database), then exit.
 * The order matters for the embedded database, which must outlive the app's connections.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}

/** Entry points end here: a configuration error is printed plainly, anything else with its stack. */
export function exitOnStartFailure(err: unknown): never {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
