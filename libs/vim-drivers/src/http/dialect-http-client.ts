import { createLogger } from '#vorch/telemetry';
import { abortableSleep } from '../async/abortable-sleep.js';
import {
  DriverAuthError,
  DriverConflictError,
  DriverError,
  DriverNotFoundError,
  DriverProtocolError,
  DriverRejectedError,
  DriverTimeoutError,
  DriverUnreachableError,
  type VimFault,
} from '../driver-errors.js';
import { backoffDelay, retryAfterMs, type RetryPolicy } from './backoff.js';
import { driverLatency, driverRequests, driverRetries } from './driver-metrics.js';
import type { DialectErrorReader, FaultKind } from './fault-kind.js';
import { neverReachedServer, networkFailureOf } from './network-failure.js';
import type { SessionAuth } from './session-auth.js';

const log = createLogger('vim-driver');

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpCall {
  method: HttpMethod;
  /** Appended to the endpoint, e.g. `/compute/v2.1/servers`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * May the call be sent twice with no double effect? Defaults to true for GET/PUT/DELETE and false for
   * POST/PATCH; a POST carrying an idempotency key (or creating a deterministically named object) sets it.
   */
  idempotent?: boolean;
  /** Sent without the session (the login call itself). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** How many attempts it took: a retried create that meets "already exists" may be its own earlier attempt. */
  attempts: number;
}

export interface DialectHttpOptions {
  dialect: string;
  endpoint: string;
  timeoutMs: number;
  retry: RetryPolicy;
  readError: DialectErrorReader;
  auth?: SessionAuth;
}

type AttemptFailure =
  | { retryable: boolean; reason: string; waitMs?: number; error: DriverError; timedOut?: boolean }
  | { retryable: false; reason: 'aborted'; abort: unknown };

/**
 * The HTTP base every driver speaks through: per-attempt timeouts, bounded retries with jittered exponential
 * backoff on transient failures (never re-sending a call that is not idempotent unless the VIM certainly never
 * saw it), one silent re-login when a session expires, and every failure turned into a DriverError.
 */
export class DialectHttpClient {
  constructor(private readonly o: DialectHttpOptions) {}

  get endpoint(): string {
    return this.o.endpoint;
  }

  async json<T>(call: HttpCall): Promise<T> {
    return (await this.send<T>(call)).body;
  }

  async send<T = unknown>(call: HttpCall): Promise<HttpResponse<T>> {
    const res = await this.exchange(call, false);
    return res as HttpResponse<T>;
  }

  /** For long-lived responses (watch streams): the timeout covers the wait for the headers only. */
  async stream(call: HttpCall): Promise<{ response: Response; attempts: number }> {
    const res = await this.exchange(call, true);
    return { response: res.body as Response, attempts: res.attempts };
  }

  private async exchange(call: HttpCall, streaming: boolean): Promise<HttpResponse> {
    const idempotent = call.idempotent ?? (call.method === 'GET' || call.method === 'PUT' || call.method === 'DELETE');
    const started = performance.now();
    let reauthenticated = false;
    let retriesUsed = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call, idempotent, attempt, streaming);
      if ('response' in outcome) {
        this.record(call, 'ok', started);
        return outcome.response;
      }
      const failure = outcome.failure;
      if ('abort' in failure) {
        this.record(call, 'aborted', started);
        throw failure.abort;
      }
      // An expired session is not a fault of the call: log in again once and resend, outside the retry budget.
      if (failure.error instanceof DriverAuthError && !call.anonymous && this.o.auth && !reauthenticated) {
        reauthenticated = true;
        this.o.auth.invalidate();
        continue;
      }
      if (!failure.retryable || retriesUsed >= this.o.retry.retries) {
        this.record(call, failure.error.code, started);
        if (failure.retryable) log.warn({ dialect: this.o.dialect, endpoint: this.o.endpoint, path: call.path, attempts: attempt, code: failure.error.code }, 'VIM call failed after retries');
        throw failure.error;
      }
      const delay = Math.max(failure.waitMs ?? 0, backoffDelay(retriesUsed, this.o.retry));
      retriesUsed++;
      driverRetries.inc({ dialect: this.o.dialect, reason: failure.reason });
      log.debug({ dialect: this.o.dialect, path: call.path, attempt, reason: failure.reason, delay }, 'retrying VIM call');
      await abortableSleep(delay, call.signal);
    }
  }

  private async attempt(
    call: HttpCall,
    idempotent: boolean,
    attempt: number,
    streaming: boolean,
  ): Promise<{ response: HttpResponse } | { failure: AttemptFailure }> {
    if (call.signal?.aborted) return { failure: { retryable: false, reason: 'aborted', abort: call.signal.reason } };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.o.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    const fault = (extra: Partial<VimFault> = {}): VimFault => ({ dialect: this.o.dialect, endpoint: this.o.endpoint, path: call.path, method: call.method, attempts: attempt, ...extra });
    const timedOut = (): AttemptFailure => ({
      retryable: idempotent,
      reason: 'timeout',
      timedOut: true,
      error: new DriverTimeoutError(`${this.o.dialect} site at ${this.o.endpoint} did not answer ${call.method} ${call.path} within ${this.o.timeoutMs} ms`, {
        ...fault(),
        timeoutMs: this.o.timeoutMs,
      }),
    });
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...(call.headers ?? {}) };
      if (!call.anonymous && this.o.auth) Object.assign(headers, await this.o.auth.headers(call.signal));
      let body: string | undefined;
      if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers['content-type'] ??= 'application/json';
      }
      let res: Response;
      try {
        res = await fetch(this.url(call), { method: call.method, headers, body, signal, redirect: 'error' });
      } catch (err) {
        if (call.signal?.aborted) return { failure: { retryable: false, reason: 'aborted', abort: call.signal.reason } };
        if (timeout.signal.aborted) return { failure: timedOut() };
        const kind = networkFailureOf(err);
        return {
          failure: {
            retryable: idempotent || neverReachedServer(kind),
            reason: kind,
            error: new DriverUnreachableError(`${this.o.dialect} site at ${this.o.endpoint} is unreachable (${kind})`, {
              ...fault({ cause: String((err as Error).cause ?? err) }),
              attempts: attempt,
            }),
          },
        };
      }
      if (res.ok && streaming) {
        clearTimeout(timer);
        return { response: { status: res.status, headers: res.headers, body: res, attempts: attempt } };
      }
      let text: string;
      try {
        text = await res.text();
      } catch {
        if (call.signal?.aborted) return { failure: { retryable: false, reason: 'aborted', abort: call.signal.reason } };
        if (timeout.signal.aborted) return { failure: timedOut() };
        return { failure: { retryable: idempotent, reason: 'reset', error: new DriverUnreachableError(`${this.o.dialect} site at ${this.o.endpoint} cut the response short`, { ...fault(), attempts: attempt }) } };
      }
      const parsed = parseBody(text);
      if (res.ok) return { response: { status: res.status, headers: res.headers, body: parsed, attempts: attempt } };
      // A DELETE resent after an attempt that may have gone through: "not found" means the earlier one did it.
      if (res.status === 404 && call.method === 'DELETE' && attempt > 1) {
        return { response: { status: 204, headers: res.headers, body: undefined, attempts: attempt } };
      }
      return { failure: this.httpFailure(res, parsed, idempotent, fault({ httpStatus: res.status })) };
    } finally {
      clearTimeout(timer);
    }
  }

  private httpFailure(res: Response, body: unknown, idempotent: boolean, fault: VimFault): AttemptFailure {
    const read = this.o.readError(res.status, body);
    const f: VimFault = { ...fault, vimCode: read.vimCode, vimMessage: read.vimMessage };
    const what = read.vimMessage ?? `HTTP ${res.status}`;
    if (read.kind === 'transient') {
      // 429 says the VIM did not act on the call; a 5xx may come after it did, so only idempotent calls go again.
      const throttled = res.status === 429;
      return {
        retryable: idempotent || throttled,
        reason: read.vimCode ?? String(res.status),
        waitMs: retryAfterMs(res.headers.get('retry-after'), this.o.retry),
        error: new DriverUnreachableError(`${this.o.dialect} site at ${this.o.endpoint} is unavailable: ${what}`, { ...f, attempts: Number(f.attempts ?? 1) }),
      };
    }
    return { retryable: false, reason: read.kind, error: errorOfKind(read.kind, `${this.o.dialect}: ${what}`, f) };
  }

  private url(call: HttpCall): string {
    const u = new URL(this.o.endpoint.replace(/\/$/, '') + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  private record(call: HttpCall, outcome: string, started: number): void {
    driverRequests.inc({ dialect: this.o.dialect, method: call.method, outcome });
    driverLatency.observe({ dialect: this.o.dialect, method: call.method }, (performance.now() - started) / 1000);
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some VIM answers are bare strings (a vSphere session id is a JSON string, a proxy error page is not).
    return text;
  }
}

function errorOfKind(kind: Exclude<FaultKind, 'transient'>, message: string, fault: VimFault): DriverError {
  switch (kind) {
    case 'auth':
      return new DriverAuthError(message, fault);
    case 'not-found':
      return new DriverNotFoundError(message, fault);
    case 'conflict':
      return new DriverConflictError(message, fault);
    case 'rejected':
      return new DriverRejectedError(message, fault);
    case 'protocol':
      return new DriverProtocolError(message, fault);
    default: {
      const never: never = kind;
      throw new Error(`unknown fault kind ${String(never)}`);
    }
  }
}
