/**
 * How a failed HTTP exchange is treated, whatever the dialect. Each dialect's error mapper turns its own
 * status + error body into one of these; the client then retries or throws the matching DriverError.
 */
export type FaultKind = 'auth' | 'not-found' | 'conflict' | 'rejected' | 'transient' | 'protocol';

/** The reading of plain HTTP statuses; dialects refine it with their own codes. */
export function faultKindOfStatus(status: number): FaultKind {
  if (status === 401) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429 || status === 502 || status === 503 || status === 504) return 'transient';
  if (status >= 400 && status < 500) return 'rejected';
  return 'protocol';
}

/** What a dialect reads out of an error response. */
export interface DialectFault {
  kind: FaultKind;
  vimCode?: string;
  vimMessage?: string;
}

export type DialectErrorReader = (status: number, body: unknown) => DialectFault;
