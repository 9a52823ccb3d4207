// Stops the embedded PostgreSQL of the test run, if global-setup started one, and drops
// the test databases and their template from an external server, including any a crashed file left.
import pg from 'pg';

export default async function globalTeardown() {
  const embedded = globalThis.__SOUK_TEST_PG__;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'souk\\_t\\_%' OR datname LIKE 'souk\\_tpl\\_%'`);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
