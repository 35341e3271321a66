import { VorchError } from '#vorch/contracts';

/** The kinds of resource a site holds; error details name them so each dialect can pick its own error type. */
export type ResourceKind = 'site' | 'host' | 'vm' | 'network' | 'subnet' | 'port' | 'migration' | 'flavor' | 'storage' | 'vswitch' | 'security-module' | 'task';

/**
 * Expected failures of the simulated VIM. The model raises these; every dialect adapter maps the stable `code`
 * (with `details.kind` where it matters) to its own error format and status.
 */
export class SimNotFoundError extends VorchError {
  constructor(readonly kind: ResourceKind, id: string) {
    super('SIM.NOT_FOUND', `${kind} ${id} could not be found`, 404, { kind, id });
  }
}

export class SimAlreadyExistsError extends VorchError {
  constructor(readonly kind: ResourceKind, name: string) {
    super('SIM.ALREADY_EXISTS', `${kind} ${name} already exists`, 409, { kind, name });
  }
}

export class AddressInUseError extends VorchError {
  constructor(readonly addressKind: 'ip' | 'mac', address: string) {
    super('SIM.ADDRESS_IN_USE', `${addressKind === 'ip' ? 'IP address' : 'MAC address'} ${address} is already in use`, 409, { addressKind, address });
  }
}

export class AddressOutsideSubnetError extends VorchError {
  constructor(address: string, where: string) {
    super('SIM.ADDRESS_OUTSIDE_SUBNET', `IP address ${address} is not a usable address of ${where}`, 400, { address });
  }
}

export class PoolExhaustedError extends VorchError {
  constructor(what: string) {
    super('SIM.POOL_EXHAUSTED', `no free address is left in ${what}`, 409, { what });
  }
}

export class SegmentInUseError extends VorchError {
  constructor(type: string, id: number) {
    super('SIM.SEGMENT_IN_USE', `${type} segment ${id} is already used in this site`, 409, { type, id });
  }
}

/** Deleting something that others still use: a network with ports, a port bound to a VM. */
export class ResourceInUseError extends VorchError {
  constructor(readonly kind: ResourceKind, id: string, reason: string) {
    super('SIM.IN_USE', `${kind} ${id} is in use: ${reason}`, 409, { kind, id });
  }
}

export class InvalidStateError extends VorchError {
  constructor(readonly kind: ResourceKind, id: string, state: string, action: string) {
    super('SIM.INVALID_STATE', `cannot ${action} ${kind} ${id} while it is ${state}`, 409, { kind, id, state, action });
  }
}

/** The resource is in the middle of an asynchronous operation (a migration) that must end first. */
export class ResourceBusyError extends VorchError {
  constructor(readonly kind: ResourceKind, id: string, operation: string) {
    super('SIM.BUSY', `${kind} ${id} is busy: ${operation} in progress`, 409, { kind, id, operation });
  }
}

export class NoCapacityError extends VorchError {
  constructor(reason: string) {
    super('SIM.NO_CAPACITY', `no valid host was found: ${reason}`, 409, { reason });
  }
}

export class HostDownError extends VorchError {
  constructor(host: string) {
    super('SIM.HOST_DOWN', `host ${host} is unavailable at this time`, 400, { host });
  }
}

export class InvalidRequestError extends VorchError {
  constructor(message: string) {
    super('SIM.INVALID', message, 400);
  }
}

export class ChangesExpiredError extends VorchError {
  constructor(since: number, oldest: number) {
    super('SIM.GONE', `changes since ${since} are no longer kept (oldest kept: ${oldest}); list again`, 410, { since, oldest });
  }
}

export class UnauthenticatedError extends VorchError {
  constructor() {
    super('SIM.UNAUTHENTICATED', 'The request you have made requires authentication.', 401);
  }
}

export class InjectedFailureError extends VorchError {
  constructor() {
    super('SIM.INJECTED_FAILURE', 'The service is temporarily unavailable (injected failure).', 503);
  }
}

export class UnknownRouteError extends VorchError {
  constructor(method: string, path: string) {
    super('SIM.NO_ROUTE', `no resource ${method} ${path}`, 404, { method, path });
  }
}
