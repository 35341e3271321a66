import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidRequestError } from '../model/sim-errors.js';

const MAX_BODY = 4 * 1024 * 1024;

/** One HTTP request as the dialect adapters see it: the path below the site's endpoint, query and lazy JSON body. */
export class Exchange {
  readonly method: string;
  readonly query: URLSearchParams;
  params: Record<string, string> = {};

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** Path relative to the site's endpoint (or to the root for the admin API), starting with '/'. */
    readonly path: string,
    query: URLSearchParams,
    /** Absolute URL of the site's endpoint, for links the dialect returns. */
    readonly endpoint: string,
  ) {
    this.method = req.method ?? 'GET';
    this.query = query;
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  async json(): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new InvalidRequestError('the request body is too large');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new InvalidRequestError('the request body is not valid JSON');
    }
  }

  /** Query values, whether repeated (`a=1&a=2`) or comma separated (`a=1,2`). */
  list(name: string): string[] {
    return this.query.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '');
  }

  int(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new InvalidRequestError(`${name} must be a non-negative integer`);
    return Math.min(n, max);
  }
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}
