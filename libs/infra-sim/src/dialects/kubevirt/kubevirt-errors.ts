import { VorchError } from '#vorch/contracts';
import type { Reply } from '../../http/exchange.js';

/** A request Kubernetes would reject as Invalid (422): valid JSON that cannot be carried out as asked. */
export class KubeInvalidError extends VorchError {
  constructor(message: string) {
    super('SIM.UNPROCESSABLE', message, 422);
  }
}

function reasonOf(err: VorchError): [string, number] {
  switch (err.code) {
    case 'SIM.NOT_FOUND':
    case 'SIM.NO_ROUTE':
      return ['NotFound', 404];
    case 'SIM.ALREADY_EXISTS':
      return ['AlreadyExists', 409];
    case 'SIM.ADDRESS_IN_USE':
    case 'SIM.SEGMENT_IN_USE':
    case 'SIM.IN_USE':
    case 'SIM.INVALID_STATE':
    case 'SIM.BUSY':
    case 'SIM.POOL_EXHAUSTED':
      return ['Conflict', 409];
    case 'SIM.NO_CAPACITY':
    case 'SIM.HOST_DOWN':
    case 'SIM.UNPROCESSABLE':
      return ['Invalid', 422];
    case 'SIM.GONE':
      return ['Expired', 410];
    case 'SIM.UNAUTHENTICATED':
      return ['Unauthorized', 401];
    case 'SIM.INJECTED_FAILURE':
      return ['ServiceUnavailable', 503];
    default:
      return err.status < 500 ? ['BadRequest', 400] : ['InternalError', 500];
  }
}

export function kubeStatus(err: VorchError) {
  const [reason, code] = reasonOf(err);
  const detail = err.errors?.length ? `: ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}` : '';
  const details = err.details ? { name: String(err.details.id ?? err.details.name ?? ''), kind: String(err.details.kind ?? '') } : undefined;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${err.message}${detail}`, reason, ...(details ? { details } : {}), code };
}

/** Kubernetes `Status` objects for every failure. */
export function kubevirtErrorReply(err: unknown): Reply {
  const e = err instanceof VorchError ? err : new VorchError('INTERNAL', 'an internal error occurred', 500);
  const body = kubeStatus(e);
  return { status: body.code, body };
}
