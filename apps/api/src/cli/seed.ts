import 'reflect-metadata';
import { exitOnStartFailure, hashPassword, prepareRuntime, randomPassword } from '@souk/platform';
import { DataSource } from 'typeorm';
import { seedDemo } from '../demo/demo-seeder';
import { parseArgs } from './args';

/** `npm run seed [-- --products 20000]`: loads or tops up the demo catalogue. */
async function main(): Promise<void> {
  const args = parseArgs();
  const products = Number(args.products ?? 300);
  if (!Number.isInteger(products) || products < 1 || products > 1_000_000) {
    throw new Error('--products must be a whole number between 1 and 1000000');
  }
  const runtime = await prepareRuntime();
  const db = new DataSource({ type: 'postgres', url: runtime.config.DATABASE_URL });
  await db.initialize();
  try {
    const ownerPassword = randomPassword();
    const started = Date.now();
    const result = await seedDemo(db, { products, ownerPasswordHash: await hashPassword(ownerPassword) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.skipped) {
      console.log(`The demo catalogue already has ${products} products or more; nothing to do.`);
    } else {
      console.log(
        `Demo catalogue: ${result.cooperatives} cooperatives, ${result.products} products, ${result.variants} variants (${seconds} s).`,
      );
      console.log(
        `Cooperative owners created now sign in as owner@<cooperative-slug>.souk.local / ${ownerPassword}`,
      );
    }
  } finally {
    await db.destroy();
    await runtime.stopDatabase();
  }
}

main().catch(exitOnStartFailure);
