import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { newId } from '#vorch/contracts';
import { extractTrace, tracer } from '#vorch/telemetry';
import { acceptedIdempotencyKey, acceptedRequestId, runInRequestContext } from '../bus/request-context.js';

function first(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v : undefined;
}

/**
 * For gRPC calls, what the HTTP edge middleware does for REST: a server span continuing the caller's
 * `traceparent` metadata and the request context (`x-request-id`, `idempotency-key`) the BusForwarder reads.
 * REST calls pass straight through.
 */
@Injectable()
export class GrpcCallContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'rpc') return next.handle();
    const md = ctx.getArgByIndex(1) as Metadata;
    const call = ctx.getArgByIndex(2) as { getPath?: () => string } | undefined;
    const path = call?.getPath?.() ?? `${ctx.getClass().name}/${ctx.getHandler().name}`;
    return new Observable((subscriber) => {
      let idempotencyKey: string | undefined;
      try {
        idempotencyKey = acceptedIdempotencyKey(first(md, 'idempotency-key'));
      } catch (err) {
        subscriber.error(err);
        return;
      }
      const requestId = acceptedRequestId(first(md, 'x-request-id')) ?? newId();
      const span = tracer().startSpan(
        `grpc ${path}`,
        { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': path, 'vorch.request_id': requestId } },
        extractTrace((k) => first(md, k)),
      );
      const finish = (failed: boolean) => {
        if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      const inner = context.with(trace.setSpan(context.active(), span), () =>
        runInRequestContext({ requestId, idempotencyKey }, () =>
          next.handle().subscribe({
            next: (v) => subscriber.next(v),
            error: (e: unknown) => {
              finish(true);
              subscriber.error(e);
            },
            complete: () => {
              finish(false);
              subscriber.complete();
            },
          }),
        ),
      );
      return () => inner.unsubscribe();
    });
  }
}
