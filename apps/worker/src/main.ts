import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureQueueBackend, exitOnStartFailure, prepareRuntime, stopOnSignals } from '@souk/platform';
import { Logger } from 'nestjs-pino';
import { WorkerAppModule } from './worker.module';

/** `npm run start:worker`: the BullMQ processors alone, next to API processes. */
async function main(): Promise<void> {
  const runtime = await prepareRuntime();
  configureQueueBackend(runtime.config);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(runtime.config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.get(Logger).log(`worker started, queues on ${runtime.config.REDIS_URL ? 'Redis' : 'PostgreSQL'}`);
  stopOnSignals(async () => {
    await app.close();
    await runtime.stopDatabase();
  });
}

main().catch(exitOnStartFailure);
