import { VorchError } from '#vorch/contracts';

/**
 * What a VIM said, kept on every driver error so an operator can match it with the VIM's own logs.
 * `vimCode` is the dialect's error code (Keystone code, NeutronError type, vSphere error_type, Kubernetes reason).
 */
export interface VimFault {
  dialect: string;
  endpoint: string;
  httpStatus?: number;
  vimCode?: string;
  vimMessage?: string;
  [key: string]: unknown;
}

/** Base of every expected driver failure; `status` is what the API edge answers, not what the VIM answered. */
export abstract class DriverError extends VorchError {
  constructor(code: string, message: string, status: number, readonly fault: VimFault) {
    super(code, message, status, { ...fault });
  }
}

/**
 * The site refused Vorch's credentials. 502, not 401: the caller of Vorch is authenticated; it is Vorch's
 * configuration for the site that is wrong.
 */
export class DriverAuthError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.AUTH_FAILED', message, 502, fault);
  }
}

/** No answer from the site after the bounded retries (connection refused/reset, 5xx, throttled). */
export class DriverUnreachableError extends DriverError {
  constructor(message: string, fault: VimFault & { attempts: number }) {
    super('DRIVER.UNREACHABLE', message, 503, fault);
  }
}

/** The site did not answer within the driver's timeout (per attempt, or while waiting for an asynchronous task). */
export class DriverTimeoutError extends DriverError {
  constructor(message: string, fault: VimFault & { timeoutMs: number }) {
    super('DRIVER.TIMEOUT', message, 504, fault);
  }
}

export class DriverNotFoundError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.NOT_FOUND', message, 404, fault);
  }
}

/** The VIM refused because of existing state: a name or an address is taken, an object is in use or in the wrong state. */
export class DriverConflictError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.CONFLICT', message, 409, fault);
  }
}

/** The VIM refused the request itself (invalid for it, over quota, forbidden for Vorch's account). */
export class DriverRejectedError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.REJECTED', message, 422, fault);
  }
}

/** An asynchronous VIM task (a migration, a build) ended in failure. */
export class DriverTaskFailedError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.TASK_FAILED', message, 502, fault);
  }
}

/** The VIM answered something the driver cannot understand: an unexpected status or body. */
export class DriverProtocolError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.PROTOCOL', message, 502, fault);
  }
}

/** A watch asked to resume from a point the VIM no longer remembers: re-list, then watch from now. */
export class DriverWatchExpiredError extends DriverError {
  constructor(message: string, fault: VimFault) {
    super('DRIVER.WATCH_EXPIRED', message, 410, fault);
  }
}
