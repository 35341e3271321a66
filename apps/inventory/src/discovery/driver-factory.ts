import { createDriver, type DriverCredentials, type VimDriver } from '#vorch/vim-drivers';

export interface DriverRequest {
  dialect: 'openstack' | 'vsphere' | 'kubevirt';
  endpoint: string;
  credentials: DriverCredentials;
}

/** Where the service gets its drivers; tests pass one with short timeouts. */
export interface DriverFactory {
  create(req: DriverRequest): VimDriver;
}

export function driverFactory(defaults: { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number } = {}): DriverFactory {
  return { create: (req) => createDriver({ ...defaults, ...req }) };
}
