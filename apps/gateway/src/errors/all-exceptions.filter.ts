import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { throwError, type Observable } from 'rxjs';
import { VorchError } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import { currentRequestContext } from '../bus/request-context.js';
import { toGrpcError } from './grpc-status.js';
import { toProblem } from './problem.js';
import { sendProblem } from './send-problem.js';

const log = createLogger('gateway');

/** Every error leaving a REST or gRPC handler passes here once: problem+json for REST, a status code for gRPC. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): Observable<never> | void {
    const problem = toProblem(err);
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    if (traceId) problem.traceId = traceId;
    const requestId = currentRequestContext()?.requestId;
    if (requestId) problem.requestId = requestId;

    if (!(err instanceof VorchError) && !(err instanceof HttpException)) {
      // The caller gets only the trace id; the log line (which carries the same trace id) gets the cause.
      log.error({ err, requestId }, 'unexpected error');
    } else if (problem.status >= 500) {
      log.warn({ code: problem.code, detail: problem.detail, requestId }, 'request failed');
    }

    if (host.getType() === 'rpc') return throwError(() => toGrpcError(problem));
    const req = host.switchToHttp().getRequest<IncomingMessage & { originalUrl?: string }>();
    problem.instance = (req.originalUrl ?? req.url ?? '').split('?')[0];
    sendProblem(host.switchToHttp().getResponse<ServerResponse>(), problem);
  }
}
