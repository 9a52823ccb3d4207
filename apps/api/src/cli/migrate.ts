import 'reflect-metadata';
import { exitOnStartFailure, prepareRuntime, revertLastMigration } from '@souk/platform';

/**
 * `npm run migration:run` and `npm run migration:revert`, on DATABASE_URL or the embedded default.
 * Starting the runtime already applies pending migrations; `revert` then undoes the last one.
 */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert') throw new Error('usage: migrate run|revert');
  const runtime = await prepareRuntime();
  try {
    if (command === 'revert') {
      await revertLastMigration(runtime.config.DATABASE_URL);
      console.log('Reverted the last migration.');
    } else {
      console.log('The schema is up to date.');
    }
  } finally {
    await runtime.stopDatabase();
  }
}

main().catch(exitOnStartFailure);
