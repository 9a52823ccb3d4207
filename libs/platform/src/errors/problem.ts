import { HttpException } from '@nestjs/common';

export interface FieldError {
  /** Path of the field in the request, e.g. `variants[0].price.amount`. */
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://souk.dev/problems/';

/** An error a client can act on, answered as RFC 9457 application/problem+json. */
export class Problem extends HttpException {
  constructor(readonly body: ProblemBody) {
    super(body, body.status);
  }

  static validation(errors: FieldError[], detail?: string): Problem {
    return new Problem({
      type: PROBLEM_BASE + 'validation',
      title: 'The request is not valid',
      status: 400,
      detail:
        detail ??
        (errors.length === 1
          ? `${errors[0].field} ${errors[0].message}`
          : `${errors.length} fields are not valid`),
      errors,
    });
  }

  static field(field: string, message: string): Problem {
    return Problem.validation([{ field, message }]);
  }

  static notFound(what: string, id?: string): Problem {
    return new Problem({
      type: PROBLEM_BASE + 'not-found',
      title: 'Not found',
      status: 404,
      detail: id ? `${what} ${id} does not exist` : `${what} does not exist`,
    });
  }

  static unauthorized(detail = 'Sign in or give an API key'): Problem {
    return new Problem({
      type: PROBLEM_BASE + 'unauthorized',
      title: 'Not authenticated',
      status: 401,
      detail,
    });
  }

  static forbidden(detail: string): Problem {
    return new Problem({ type: PROBLEM_BASE + 'forbidden', title: 'Not allowed', status: 403, detail });
  }

  static conflict(detail: string, extra: Record<string, unknown> = {}): Problem {
    return new Problem({ type: PROBLEM_BASE + 'conflict', title: 'Conflict', status: 409, detail, ...extra });
  }
}

export const problemType = (slug: string) => PROBLEM_BASE + slug;
