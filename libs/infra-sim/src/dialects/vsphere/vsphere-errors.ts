import { VorchError } from '#vorch/contracts';
import type { Reply } from '../../http/exchange.js';

function errorType(err: VorchError): [string, number] {
  switch (err.code) {
    case 'SIM.NOT_FOUND':
    case 'SIM.NO_ROUTE':
      return ['NOT_FOUND', 404];
    case 'SIM.UNAUTHENTICATED':
      return ['UNAUTHENTICATED', 401];
    case 'SIM.ALREADY_EXISTS':
    case 'SIM.ADDRESS_IN_USE':
    case 'SIM.SEGMENT_IN_USE':
      return ['ALREADY_EXISTS', 409];
    case 'SIM.INVALID_STATE':
      return ['NOT_ALLOWED_IN_CURRENT_STATE', 400];
    case 'SIM.BUSY':
    case 'SIM.IN_USE':
      return ['RESOURCE_BUSY', 409];
    case 'SIM.HOST_DOWN':
      return ['RESOURCE_INACCESSIBLE', 400];
    case 'SIM.NO_CAPACITY':
    case 'SIM.POOL_EXHAUSTED':
      return ['UNABLE_TO_ALLOCATE_RESOURCE', 409];
    case 'SIM.INJECTED_FAILURE':
      return ['SERVICE_UNAVAILABLE', 503];
    case 'SIM.GONE':
      return ['GONE', 410];
    default:
      return err.status < 500 ? ['INVALID_ARGUMENT', 400] : ['ERROR', 500];
  }
}

export function vsphereErrorBody(err: VorchError): { error_type: string; messages: { id: string; default_message: string; args: string[] }[] } {
  const [type] = errorType(err);
  const detail = err.errors?.length ? `: ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}` : '';
  return { error_type: type, messages: [{ id: `com.vmware.vorch.sim.${err.code.toLowerCase()}`, default_message: `${err.message}${detail}`, args: [] }] };
}

/** The vSphere Automation error document: `{error_type, messages: [{id, default_message, args}]}`. */
export function vsphereErrorReply(err: unknown): Reply {
  const e = err instanceof VorchError ? err : new VorchError('INTERNAL', 'An internal error occurred.', 500);
  if (e.code === 'SIM.UNAUTHENTICATED') {
    return { status: 401, body: { error_type: 'UNAUTHENTICATED', messages: [{ id: 'vapi.security.authentication.invalid', default_message: 'Authentication required.', args: [] }] } };
  }
  const [, status] = errorType(e);
  return { status, body: vsphereErrorBody(e) };
}
