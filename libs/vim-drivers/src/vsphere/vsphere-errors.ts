import { faultKindOfStatus, type DialectFault, type FaultKind } from '../http/fault-kind.js';

// vSphere Automation error types; anything not listed falls back to the HTTP status.
const kinds: Record<string, FaultKind> = {
  UNAUTHENTICATED: 'auth',
  UNAUTHORIZED: 'rejected',
  NOT_FOUND: 'not-found',
  OPERATION_NOT_FOUND: 'not-found',
  ALREADY_EXISTS: 'conflict',
  ALREADY_IN_DESIRED_STATE: 'conflict',
  CONCURRENT_CHANGE: 'conflict',
  FEATURE_IN_USE: 'conflict',
  NOT_ALLOWED_IN_CURRENT_STATE: 'conflict',
  RESOURCE_IN_USE: 'conflict',
  INVALID_ARGUMENT: 'rejected',
  INVALID_REQUEST: 'rejected',
  INVALID_ELEMENT_CONFIGURATION: 'rejected',
  INVALID_ELEMENT_TYPE: 'rejected',
  UNEXPECTED_INPUT: 'rejected',
  UNSUPPORTED: 'rejected',
  // Busy means "in use" (a port group with ports, a VM already relocating): retrying would not help.
  RESOURCE_BUSY: 'conflict',
  UNABLE_TO_ALLOCATE_RESOURCE: 'conflict',
  RESOURCE_INACCESSIBLE: 'rejected',
  GONE: 'conflict',
  SERVICE_UNAVAILABLE: 'transient',
  TIMED_OUT: 'transient',
  INTERNAL_SERVER_ERROR: 'protocol',
  ERROR: 'protocol',
};

interface VsphereErrorBody {
  error_type?: string;
  messages?: Array<{ id?: string; default_message?: string }>;
}

/** Reads `{"error_type": "NOT_FOUND", "messages": [{"id", "default_message"}]}`. */
export function readVsphereError(status: number, body: unknown): DialectFault {
  const b = (body && typeof body === 'object' ? body : {}) as VsphereErrorBody;
  const type = b.error_type;
  const message = b.messages?.map((m) => m.default_message).filter(Boolean).join('; ') || (typeof body === 'string' ? body.slice(0, 200) : undefined);
  return { kind: (type ? kinds[type] : undefined) ?? faultKindOfStatus(status), vimCode: type, vimMessage: message };
}
