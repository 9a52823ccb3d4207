import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthService, Problem } from '@souk/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppQueues } from './app-queues';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * @bull-board at /admin/queues, for admins only (`Authorization: Bearer <admin access token>`):
 * every queue of the application, with its jobs, retries and failures.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  private readonly log = new Logger(QueueBoard.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: AppQueues,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.register) return; // no HTTP in a worker process
    const server = new FastifyAdapter();
    server.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((q) => new BullMQAdapter(q)),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'Souk queues' } },
    });
    // Queued, not awaited: loading plugins now would boot Fastify before Nest has set its body
    // parsers and error handler (malformed JSON would lose its problem+json answer).
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.onlyAdmins(request, reply));
      await scope.register(server.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
    });
    this.log.log(`queue board at ${QUEUE_BOARD_PATH}`);
  }

  private async onlyAdmins(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const principal =
      scheme?.toLowerCase() === 'bearer' && token ? this.auth.verifyAccessToken(token) : undefined;
    const refusal = !principal
      ? Problem.unauthorized('Sign in as an admin: Authorization: Bearer <access token>')
      : principal.kind !== 'user' || principal.role !== 'admin'
        ? Problem.forbidden('The queue board is for admins')
        : undefined;
    if (refusal) {
      await reply.code(refusal.body.status).type('application/problem+json').send(refusal.body);
    }
  }
}
