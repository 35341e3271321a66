import { faultKindOfStatus, type DialectFault, type FaultKind } from '../http/fault-kind.js';

// Kubernetes Status reasons (metav1.StatusReason); anything not listed falls back to the HTTP status.
const kinds: Record<string, FaultKind> = {
  Unauthorized: 'auth',
  Forbidden: 'rejected',
  NotFound: 'not-found',
  AlreadyExists: 'conflict',
  Conflict: 'conflict',
  Invalid: 'rejected',
  BadRequest: 'rejected',
  MethodNotAllowed: 'rejected',
  NotAcceptable: 'rejected',
  RequestEntityTooLarge: 'rejected',
  UnsupportedMediaType: 'rejected',
  TooManyRequests: 'transient',
  ServerTimeout: 'transient',
  Timeout: 'transient',
  ServiceUnavailable: 'transient',
  // An expired resourceVersion: the watch starts over from a fresh list; as a call failure it is a conflict.
  Expired: 'conflict',
  Gone: 'conflict',
  InternalError: 'protocol',
};

export interface KubernetesStatus {
  kind?: string;
  status?: string;
  reason?: string;
  message?: string;
  code?: number;
}

/** Reads a Kubernetes `Status` object (`{"kind":"Status","status":"Failure","reason":"NotFound","code":404}`). */
export function readKubernetesError(status: number, body: unknown): DialectFault {
  const s = (body && typeof body === 'object' ? body : {}) as KubernetesStatus;
  return {
    kind: (s.reason ? kinds[s.reason] : undefined) ?? faultKindOfStatus(status),
    vimCode: s.reason,
    vimMessage: s.message ?? (typeof body === 'string' ? body.slice(0, 200) : undefined),
  };
}
