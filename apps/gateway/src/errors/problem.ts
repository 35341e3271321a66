import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { VorchError, type FieldError } from '#vorch/contracts';

/** An RFC 9457 problem document, with Vorch's stable `code` and, for validation failures, every bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  traceId?: string;
}

export const problemContentType = 'application/problem+json';

/** `type` is a stable URN per code rather than a URL: there is no public site to point at. */
export function problemType(code: string): string {
  return `urn:vorch:problem:${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

const httpCodes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

function httpExceptionDetail(err: HttpException): string {
  const body = err.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : err.message;
}

/**
 * The one mapping from a thrown value to what the caller sees. VorchErrors keep their code and message (they are
 * written for callers); Nest HttpExceptions keep their status; anything else is a 500 that says nothing about
 * internals, since its message may hold SQL, paths or secrets.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof VorchError) {
    const p: Problem = { type: problemType(err.code), title: STATUS_CODES[err.status] ?? 'Error', status: err.status, detail: err.message, code: err.code };
    if (err.errors?.length) p.errors = err.errors;
    return p;
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = httpCodes[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    const detail = status >= 500 ? 'An unexpected error occurred' : httpExceptionDetail(err);
    return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code };
  }
  return { type: problemType('INTERNAL'), title: STATUS_CODES[500]!, status: 500, detail: 'An unexpected error occurred', code: 'INTERNAL' };
}
