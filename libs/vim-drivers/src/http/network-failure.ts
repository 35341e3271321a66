/**
 * Why fetch threw. `refused` is the one network failure where the request certainly never reached the VIM,
 * so even a non-idempotent call may be sent again; after a reset or a timeout the VIM may have acted on it.
 */
export type NetworkFailure = 'refused' | 'reset' | 'dns' | 'other';

const codes: Record<string, NetworkFailure> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  UND_ERR_CONNECT_TIMEOUT: 'refused',
};

export function networkFailureOf(err: unknown): NetworkFailure {
  // undici wraps the socket error: TypeError('fetch failed', { cause }) where cause may itself wrap (AggregateError).
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: string }).code;
    if (code && codes[code]) return codes[code];
    const inner = (e as { errors?: unknown[] }).errors?.[0];
    e = (e as { cause?: unknown }).cause ?? inner;
  }
  return 'other';
}

/** refused and dns failures happen before a byte is sent. */
export function neverReachedServer(failure: NetworkFailure): boolean {
  return failure === 'refused' || failure === 'dns';
}
