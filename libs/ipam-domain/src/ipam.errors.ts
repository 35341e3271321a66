import { ConflictError, VorchError } from '#vorch/contracts';

/**
 * The address manager's expected failures. Codes are stable: clients and the gateway match on them.
 * Bad input is 400 (it can never succeed as sent); a clash with the current allocations is 409 (it may succeed later).
 */
export class InvalidAddressError extends VorchError {
  constructor(input: string, reason: string) {
    super('ADDRESS.INVALID', `"${input}" is not a valid IP address: ${reason}`, 400, { input });
  }
}

export class InvalidCidrError extends VorchError {
  constructor(input: string, reason: string) {
    super('CIDR.INVALID', `"${input}" is not a valid CIDR: ${reason}`, 400, { input });
  }
}

export class AddressFamilyMismatchError extends VorchError {
  constructor(address: string, cidr: string) {
    super('ADDRESS.FAMILY_MISMATCH', `${address} and ${cidr} are not the same IP version`, 400, { address, cidr });
  }
}

export class AddressOutOfRangeError extends VorchError {
  constructor(address: string, cidr: string, reason = `is not inside ${cidr}`) {
    super('ADDRESS.OUT_OF_RANGE', `${address} ${reason}`, 400, { address, cidr });
  }
}

export class InvalidPoolError extends VorchError {
  constructor(reason: string) {
    super('POOL.INVALID', `The pool definition is invalid: ${reason}`, 400);
  }
}

export class PoolExhaustedError extends ConflictError {
  constructor(poolId: string, cidr: string) {
    super('POOL.EXHAUSTED', `Pool ${poolId} (${cidr}) has no free address left`, { poolId, cidr });
  }
}

export class AddressTakenError extends ConflictError {
  constructor(address: string, holder: string) {
    super('ADDRESS.TAKEN', `${address} is already allocated to ${holder}`, { address, holder });
  }
}

export class AddressReservedError extends ConflictError {
  constructor(address: string, reason: string) {
    super('ADDRESS.RESERVED', `${address} is reserved (${reason}) and is never allocated`, { address, reason });
  }
}

/** A port holds one address per pool; asking for a second, different one is a conflict, not a silent extra. */
export class PortAlreadyAllocatedError extends ConflictError {
  constructor(portId: string, address: string) {
    super('PORT.ALREADY_ALLOCATED', `Port ${portId} already holds ${address} in this pool`, { portId, address });
  }
}

export class AddressNotHeldError extends ConflictError {
  constructor(address: string, portId: string, holder: string) {
    super('ADDRESS.NOT_HELD', `${address} is held by ${holder}, not by ${portId}`, { address, portId, holder });
  }
}

export class PoolExistsError extends ConflictError {
  constructor(poolId: string) {
    super('POOL.EXISTS', `Pool ${poolId} already exists`, { poolId });
  }
}

export class PoolInUseError extends ConflictError {
  constructor(poolId: string, allocations: number) {
    super('POOL.IN_USE', `Pool ${poolId} still has ${allocations} allocated addresses`, { poolId, allocations });
  }
}
