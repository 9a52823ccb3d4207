import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadNative } from './native';

type Platform = typeof import('@souk/platform');

/**
 * Each test file gets a database of its own, copied from a template that holds the migrated
 * schema. Names carry the run's id (set by global setup), so the teardown drops this run's
 * databases and never another run's on a shared server.
 */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

const serverUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: jest global setup should have started a database');
  return url;
};

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
};

const runId = (): string => {
  const id = process.env.SOUK_TEST_RUN;
  if (!id) throw new Error('SOUK_TEST_RUN is not set: jest global setup should have set it');
  return id;
};

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(template: string): Promise<void> {
  await admin(async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [template]);
    try {
      const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
      if (exists.rowCount) return;
      const building = `${template}_build`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await loadNative<Platform>('@souk/platform').migrate(withDatabase(serverUrl(), building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [template]);
    }
  });
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = `souk_tpl_${runId()}`;
  await ensureTemplate(template);
  const name = `souk_t_${runId()}_${randomBytes(5).toString('hex')}`;
  await admin(async (client) => {
    // Two copies of one template at the same instant can collide on PostgreSQL's lock; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: async () => {
      // Pools close their connections asynchronously; forcing them closed makes their clients report errors.
      await loadNative<Platform>('@souk/platform').untilConnectionsClose(
        { connectionString: serverUrl() },
        name,
      );
      await admin(
        async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      );
    },
  };
}
