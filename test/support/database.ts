import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadNative } from './native';

type Platform = typeof import('@souk/platform');

/**
 * Each test file gets a database of its own, copied from a template that holds the migrated
 * schema. The template is named after the migrations' content, so it is rebuilt when they change.
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

function templateName(): string {
  const dir = join(process.cwd(), 'libs/platform/src/database/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return `souk_tpl_${hash.digest('hex').slice(0, 16)}`;
}

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
    await client.query(`SELECT pg_advisory_lock(hashtext('souk-test-template'))`);
    try {
      const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
      if (exists.rowCount) return;
      const building = `${template}_build`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await loadNative<Platform>('@souk/platform').migrate(withDatabase(serverUrl(), building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('souk-test-template'))`);
    }
  });
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateName();
  await ensureTemplate(template);
  const name = `souk_t_${randomBytes(6).toString('hex')}`;
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
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
