import { hashPassword, randomPassword, type SoukConfig } from '@souk/platform';
import { DataSource } from 'typeorm';
import { seedDemo, type SeedResult } from './demo-seeder';

export const DEMO_ADMIN_EMAIL = 'admin@souk.local';

/**
 * The embedded default's first start: an admin and the demo catalogue. Passwords are
 * generated, printed this once, and stored hashed like any other.
 */
export async function loadDemoOnFirstStart(config: SoukConfig): Promise<void> {
  const db = new DataSource({ type: 'postgres', url: config.DATABASE_URL });
  await db.initialize();
  try {
    const [admin] = await db.query(`SELECT 1 FROM app_user WHERE lower(email) = $1`, [DEMO_ADMIN_EMAIL]);
    const fresh = !admin;
    const adminPassword = randomPassword();
    const ownerPassword = randomPassword();
    if (fresh) {
      await db.query(
        `INSERT INTO app_user (email, password_hash, name, role) VALUES ($1, $2, 'Souk admin', 'admin')`,
        [DEMO_ADMIN_EMAIL, await hashPassword(adminPassword)],
      );
    }
    const result: SeedResult = await seedDemo(db, {
      products: 300,
      ownerPasswordHash: await hashPassword(ownerPassword),
    });
    if (fresh) {
      console.log(
        [
          '',
          'Demo data loaded. These passwords are shown once:',
          `  admin                ${DEMO_ADMIN_EMAIL} / ${adminPassword}`,
          `  cooperative owners   owner@<cooperative-slug>.souk.local / ${result.skipped ? '(set earlier)' : ownerPassword}`,
          `  ${result.cooperatives} cooperatives, ${result.products} products`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await db.destroy();
  }
}
