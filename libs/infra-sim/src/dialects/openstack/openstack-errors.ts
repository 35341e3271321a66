import { VorchError } from '#vorch/contracts';
import type { Exchange, Reply } from '../../http/exchange.js';

const FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  404: 'itemNotFound',
  409: 'conflictingRequest',
  410: 'gone',
  503: 'serviceUnavailable',
};

/** Status a Nova-style API gives for each model failure (Nova answers "no valid host" and "host down" with 400). */
function novaStatus(err: VorchError): number {
  switch (err.code) {
    case 'SIM.NO_CAPACITY':
    case 'SIM.HOST_DOWN':
      return 400;
    default:
      return err.status;
  }
}

function neutronType(err: VorchError): string {
  const kind = err.details?.kind;
  switch (err.code) {
    case 'SIM.NOT_FOUND':
      return kind === 'network' ? 'NetworkNotFound' : kind === 'subnet' ? 'SubnetNotFound' : kind === 'port' ? 'PortNotFound' : 'NotFound';
    case 'SIM.ADDRESS_IN_USE':
      return err.details?.addressKind === 'mac' ? 'MacAddressInUse' : 'IpAddressAlreadyAllocated';
    case 'SIM.POOL_EXHAUSTED':
      return 'IpAddressGenerationFailure';
    case 'SIM.IN_USE':
      return kind === 'network' ? 'NetworkInUse' : kind === 'subnet' ? 'SubnetInUse' : 'PortInUse';
    case 'SIM.SEGMENT_IN_USE':
      return 'SegmentationIdInUse';
    case 'SIM.ADDRESS_OUTSIDE_SUBNET':
      return 'InvalidIpForSubnet';
    case 'SIM.GONE':
      return 'Gone';
    case 'SIM.INJECTED_FAILURE':
      return 'ServiceUnavailable';
    case 'SIM.NO_ROUTE':
      return 'HTTPNotFound';
    default:
      return err.status >= 500 ? 'InternalServerError' : err.status === 409 ? 'Conflict' : 'InvalidInput';
  }
}

function messageOf(err: VorchError): string {
  if (!err.errors?.length) return err.message;
  return `${err.message}: ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
}

/** Keystone's 401, which every OpenStack service answers through its auth middleware. */
export function keystoneUnauthorized(): Reply {
  return { status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } } };
}

/** Neutron paths answer NeutronError documents; Nova, Placement and Cinder the `{faultName: {code, message}}` kind. */
export function openstackErrorReply(err: unknown, ex: Exchange): Reply {
  const e = err instanceof VorchError ? err : new VorchError('INTERNAL', 'The server has either erred or is incapable of performing the requested operation.', 500);
  if (e.status === 401) return keystoneUnauthorized();
  if (ex.path.startsWith('/network/')) {
    return { status: e.status, body: { NeutronError: { type: neutronType(e), message: messageOf(e), detail: '' } } };
  }
  const status = novaStatus(e);
  return { status, body: { [FAULT_NAMES[status] ?? 'computeFault']: { code: status, message: messageOf(e) } } };
}
