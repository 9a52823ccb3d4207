import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { Problem, ProblemBody, problemType } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
};

/** Answers every error as application/problem+json; a 500 is logged with its cause. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = toProblem(error);
    if (body.status >= 500) this.log.error({ err: error, requestId: request.id }, 'unhandled error');
    if (request.id) body.requestId = request.id;
    void reply.status(body.status).header('content-type', 'application/problem+json').send(body);
  }
}

export function toProblem(error: unknown): ProblemBody {
  if (error instanceof Problem) return { ...error.body };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: unknown }).message ?? error.message);
    return {
      type: problemType(slugOf(status)),
      title: TITLES[status] ?? 'Error',
      status,
      detail: Array.isArray(message) ? message.join('; ') : String(message),
    };
  }
  // Constraint violations that a service did not turn into a Problem first.
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    if (code === '23505')
      return {
        type: problemType('conflict'),
        title: 'Conflict',
        status: 409,
        detail: 'A record with that value already exists',
      };
    if (code === '23503')
      return {
        type: problemType('conflict'),
        title: 'Conflict',
        status: 409,
        detail: 'A referenced record does not exist or is still in use',
      };
    if (code === '23514' || code === '22P02' || code === '22003')
      return {
        type: problemType('validation'),
        title: 'The request is not valid',
        status: 400,
        detail: 'A value is out of range or malformed',
      };
  }
  // Fastify's own errors (unparsable JSON, body too large, wrong content type) carry a statusCode.
  const statusCode = (error as { statusCode?: number } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      type: problemType(slugOf(statusCode)),
      title: TITLES[statusCode] ?? 'Bad request',
      status: statusCode,
      detail: (error as Error).message,
    };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side',
  };
}

function slugOf(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
}
