// Stops the embedded PostgreSQL of the test run, if global-setup started one; on an external
// server, drops this run's test databases and template, including any a crashed file left.
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
    const run = process.env.SOUK_TEST_RUN;
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname IN ($2, $3)`,
      [`souk\\_t\\_${run}\\_%`, `souk_tpl_${run}`, `souk_tpl_${run}_build`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
