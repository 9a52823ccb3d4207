import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { configureQueueBackend, Metrics, type SoukConfig } from '@souk/platform';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the API exactly as production runs it; tests and the entry point both start here. */
export async function createApiApp(
  config: SoukConfig,
  opts: { withWorker: boolean },
): Promise<NestFastifyApplication> {
  configureQueueBackend(config);
  const adapter = new FastifyAdapter({
    trustProxy: true,
    bodyLimit: 1_048_576,
    // A caller's request id is kept when it is sane, so logs can be followed across services.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, opts), adapter, {
    bufferLogs: true,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.get(Metrics).instrument(fastify);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'https:'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  });

  const openApi = new DocumentBuilder()
    .setTitle('Souk API')
    .setDescription(
      'The marketplace of Moroccan artisan cooperatives. Errors are application/problem+json (RFC 9457). ' +
        'Authenticate with `Authorization: Bearer <access token or API key>`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });

  await app.init();
  await fastify.ready();
  return app;
}
