import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { readJsonBody } from './json-body.js';

/**
 * Reads the JSON body of a REST call once it is authenticated and authorised (interceptors run after guards,
 * before pipes): an anonymous caller cannot make the gateway buffer or parse anything, and learns nothing from
 * a body error. Unknown routes never read the body either.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Parameters<typeof readJsonBody>[0] & { body?: unknown }>();
    return from(readJsonBody(req)).pipe(
      mergeMap((body) => {
        req.body = body;
        return next.handle();
      }),
    );
  }
}
