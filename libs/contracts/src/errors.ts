/**
 * Expected failures as classes with a stable `code`. They cross NATS as error replies and
 * become RFC 9457 problem documents at the gateway; `status` is the HTTP mapping, decided once here.
 */
export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorReply {
  code: string;
  message: string;
  status: number;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

export class VorchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toReply(): ErrorReply {
    const reply: ErrorReply = { code: this.code, message: this.message, status: this.status };
    if (this.errors?.length) reply.errors = this.errors;
    if (this.details) reply.details = this.details;
    return reply;
  }
}

export class ValidationError extends VorchError {
  constructor(errors: FieldError[], message = 'The request is invalid') {
    super('VALIDATION', message, 400, undefined, errors);
  }
}

export class NotFoundError extends VorchError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found`, 404, { what, id });
  }
}

export class ConflictError extends VorchError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}

/** Another writer appended to the aggregate first; the command handler reloads and retries. */
export class ConcurrencyError extends VorchError {
  constructor(aggregate: string, expectedSequence: number) {
    super('CONCURRENCY', `${aggregate} changed since it was loaded`, 409, { aggregate, expectedSequence });
  }
}

export class UnauthorizedError extends VorchError {
  constructor(message = 'A valid API key is required') {
    super('UNAUTHORIZED', message, 401);
  }
}

export class ForbiddenError extends VorchError {
  constructor(message = 'This role may not do that') {
    super('FORBIDDEN', message, 403);
  }
}

export class UnavailableError extends VorchError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('UNAVAILABLE', message, 503, details);
  }
}

export class InternalError extends VorchError {
  constructor(message = 'Internal error') {
    super('INTERNAL', message, 500);
  }
}

/** Rebuilds a typed error from a NATS error reply, so callers catch the same classes on both sides of the bus. */
export function errorFromReply(reply: ErrorReply): VorchError {
  switch (reply.code) {
    case 'VALIDATION':
      return new ValidationError(reply.errors ?? [], reply.message);
    case 'CONCURRENCY':
      return Object.assign(new ConcurrencyError(String(reply.details?.aggregate ?? ''), Number(reply.details?.expectedSequence ?? 0)), {
        message: reply.message,
      });
    case 'UNAUTHORIZED':
      return new UnauthorizedError(reply.message);
    case 'FORBIDDEN':
      return new ForbiddenError(reply.message);
    default:
      return new VorchError(reply.code, reply.message, reply.status, reply.details, reply.errors);
  }
}

export function isErrorReply(v: unknown): v is { error: ErrorReply } {
  return typeof v === 'object' && v !== null && 'error' in v && typeof (v as { error: ErrorReply }).error?.code === 'string';
}
