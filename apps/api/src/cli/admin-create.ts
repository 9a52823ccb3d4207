import 'reflect-metadata';
import { exitOnStartFailure, hashPassword, prepareRuntime } from '@souk/platform';
import { Client } from 'pg';
import { parseArgs } from './args';

/** `npm run admin:create -- --email … --password … [--name …]`: creates an admin, or promotes an existing account. */
async function main(): Promise<void> {
  const { email, password, name = 'Souk admin' } = parseArgs();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('--email must be an email address');
  if (!password || password.length < 10) throw new Error('--password must be at least 10 characters');
  const runtime = await prepareRuntime();
  const db = new Client({ connectionString: runtime.config.DATABASE_URL });
  await db.connect();
  try {
    const promoted = await db.query(
      `UPDATE app_user SET role = 'admin', updated_at = now() WHERE lower(email) = lower($1) RETURNING id`,
      [email],
    );
    if (promoted.rowCount) {
      console.log(`${email} already had an account; it is now an admin (its password is unchanged).`);
      return;
    }
    const created = await db.query(
      `INSERT INTO app_user (email, password_hash, name, role) VALUES ($1, $2, $3, 'admin') RETURNING id`,
      [email, await hashPassword(password), name],
    );
    console.log(`Admin ${email} created (${created.rows[0].id}).`);
  } finally {
    await db.end();
    await runtime.stopDatabase();
  }
}

main().catch(exitOnStartFailure);
