import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { newId } from '#vorch/contracts';
import { createLogger, extractTrace, tracer } from '#vorch/telemetry';
import { acceptedIdempotencyKey, acceptedRequestId, runInRequestContext } from '../bus/request-context.js';
import { sendProblem } from '../errors/send-problem.js';
import { toProblem } from '../errors/problem.js';
import { httpRequestDuration } from './http-metrics.js';

const log = createLogger('gateway.http');

type EdgeRequest = IncomingMessage & { route?: { path?: unknown }; originalUrl?: string };

// Scraped every few seconds by orchestrators and Prometheus: logged only at debug unless they fail.
const probePaths = new Set(['/healthz', '/readyz', '/metrics']);

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Route template for labels and span names; unmatched paths share one label so scanners cannot blow up cardinality. */
function routeOf(req: EdgeRequest): string {
  const p = req.route?.path;
  return typeof p === 'string' ? p : 'unmatched';
}

/**
 * The first thing every HTTP request meets: a request id, a server span continuing the caller's traceparent and the
 * request context the BusForwarder reads; on completion, one log line and one histogram sample. (The body is read
 * later, by JsonBodyInterceptor, once the caller is authenticated.)
 */
export function httpEdge(req: EdgeRequest, res: ServerResponse, next: (err?: unknown) => void): void {
  const started = process.hrtime.bigint();
  const requestId = acceptedRequestId(header(req, 'x-request-id')) ?? newId();
  const method = req.method ?? 'GET';
  const path = (req.originalUrl ?? req.url ?? '/').split('?')[0]!;
  const span = tracer().startSpan(
    `${method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path, 'vorch.request_id': requestId } },
    extractTrace((k) => header(req, k)),
  );
  const traceId = span.spanContext().traceId;
  res.setHeader('x-request-id', requestId);
  res.setHeader('x-trace-id', traceId);
  // Problem documents echo caller input (field names, paths): browsers must not sniff them into something runnable.
  res.setHeader('x-content-type-options', 'nosniff');

  res.once('close', () => {
    const route = routeOf(req);
    const status = res.statusCode;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
    span.updateName(`${method} ${route === 'unmatched' ? path : route}`);
    span.setAttribute('http.response.status_code', status);
    if (route !== 'unmatched') span.setAttribute('http.route', route);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    const line = { method, path, status, durationMs: Math.round(seconds * 1e4) / 10, requestId, trace_id: traceId };
    if (probePaths.has(path) && status < 400) log.debug(line, 'http request');
    else log.info(line, 'http request');
  });

  context.with(trace.setSpan(context.active(), span), () => {
    let idempotencyKey: string | undefined;
    try {
      idempotencyKey = acceptedIdempotencyKey(header(req, 'idempotency-key'));
    } catch (err) {
      sendProblem(res, { ...toProblem(err), instance: path, requestId, traceId });
      return;
    }
    runInRequestContext({ requestId, idempotencyKey }, () => next());
  });
}
