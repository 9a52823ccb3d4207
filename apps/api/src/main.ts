import 'reflect-metadata';
import { exitOnStartFailure, prepareRuntime, stopOnSignals } from '@souk/platform';
import { createApiApp } from './app';
import { loadDemoOnFirstStart } from './demo/first-start';

/**
 * `npm start`: API and worker in one process (with the embedded database and demo data
 * when DATABASE_URL is not set). `npm run start:api` passes --api-only.
 */
async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  const runtime = await prepareRuntime();
  if (runtime.embedded) await loadDemoOnFirstStart(runtime.config);
  const app = await createApiApp(runtime.config, { withWorker: !apiOnly });
  stopOnSignals(async () => {
    await app.close();
    await runtime.stopDatabase();
  });
  await app.listen(runtime.config.PORT, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  console.log(`Souk is listening on ${url} (API docs at ${url}/docs)${apiOnly ? '' : ', worker running'}`);
}

main().catch(exitOnStartFailure);
