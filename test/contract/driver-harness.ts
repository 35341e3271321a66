import type { VimDriver } from '#vorch/vim-drivers';

/** Options a contract test may change on the driver it asks for (short timeouts, more retries, other credentials). */
export interface DriverOverrides {
  credentials?: Record<string, string>;
  timeoutMs?: number;
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
}

/**
 * What the contract suite needs from the site a driver talks to. infra-sim provides all of it; a real VIM
 * (a lab OpenStack, a libvirt host) needs a fault-injecting proxy in front and an admin account to act
 * "behind Vorch's back".
 */
export interface DriverHarness {
  makeDriver(overrides?: DriverOverrides): VimDriver;
  /** Credentials of the right shape that the site refuses. */
  wrongCredentials: Record<string, string>;
  /** What the site holds, to check inventory listings against. */
  inventory: { hosts: number; gpuHosts: number; failureDomains: string[] };
  faults: {
    set(f: { latencyMs?: number; errorRate?: number; unreachable?: boolean }): Promise<void>;
    clear(): Promise<void>;
  };
  /** Changes made directly on the VIM, as an operator would, without Vorch knowing. */
  behindTheBack: {
    deleteVm(externalId: string): Promise<void>;
    powerOffVm(externalId: string): Promise<void>;
    deleteNetwork(externalId: string): Promise<void>;
    setHostUp(externalId: string, up: boolean): Promise<void>;
  };
  close(): Promise<void>;
}
