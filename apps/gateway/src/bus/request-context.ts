import { AsyncLocalStorage } from 'node:async_hooks';
import { ValidationError } from '#vorch/contracts';

/** What the gateway knows about the call being served, available to any code running on its behalf. */
export interface RequestContext {
  /** `X-Request-Id` (or `x-request-id` gRPC metadata) when the caller sent a usable one, else generated. */
  requestId: string;
  /** `Idempotency-Key` (or `idempotency-key` metadata): the caller's name for this intent, reused on retries. */
  idempotencyKey?: string;
}

// AsyncLocalStorage rather than Nest REQUEST scope: request-scoped providers are rebuilt per request, and
// everything injecting them would be too.
const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

const token = /^[A-Za-z0-9._:~+/=-]{1,200}$/;

/** A caller's request id is kept only if it is a plain token: it lands in logs and replies. */
export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && token.test(value) ? value : undefined;
}

/** An Idempotency-Key becomes a command id, so a malformed one is refused rather than replaced. */
export function acceptedIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && token.test(value)) return value;
  throw new ValidationError([{ field: 'Idempotency-Key', message: 'must be 1-200 characters of A-Z a-z 0-9 . _ : ~ + / = -' }]);
}
