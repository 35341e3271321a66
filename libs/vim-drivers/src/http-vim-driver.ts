import { waitForTask } from './async/wait-for-task.js';
import type { ResolvedDriverOptions } from './driver-options.js';
import { DriverConflictError, DriverNotFoundError, type VimFault } from './driver-errors.js';
import { DialectHttpClient } from './http/dialect-http-client.js';
import type { DialectErrorReader } from './http/fault-kind.js';
import { SessionAuth } from './http/session-auth.js';
import type { Host, Network, Page, Port, ResourceChange, SecurityModule, StoragePool, VirtualSwitch, Vm, VmState } from './inventory.js';
import type { CallOptions, CreateNetworkRequest, CreatePortRequest, CreateVmRequest, Dialect, PageRequest, VimDriver, WatchRequest } from './vim-driver.js';
import { allCursorPages } from './vorch-extension/cursor-pages.js';
import { toSecurityModule, toVirtualSwitch } from './vorch-extension/extension-mapping.js';
import type { ExtSecurityModule, ExtVswitch } from './vorch-extension/extension-wire.js';

/**
 * What every HTTP dialect driver shares: the HTTP client and session, walking host pages, the Vorch extension
 * lists (virtual switches, security modules), and waiting for a VM to settle. Subclasses translate the rest.
 */
export abstract class HttpVimDriver implements VimDriver {
  abstract readonly dialect: Dialect;
  protected readonly http: DialectHttpClient;
  protected readonly auth: SessionAuth;

  constructor(
    protected readonly o: ResolvedDriverOptions,
    readError: DialectErrorReader,
  ) {
    this.auth = new SessionAuth((signal) => this.login(signal));
    this.http = new DialectHttpClient({ dialect: o.dialect, endpoint: o.endpoint, timeoutMs: o.timeoutMs, retry: o.retry, readError, auth: this.auth });
  }

  get endpoint(): string {
    return this.o.endpoint;
  }

  /** Logs in and returns the headers that carry the session. */
  protected abstract login(signal?: AbortSignal): Promise<Record<string, string>>;

  async authenticate(opts: CallOptions = {}): Promise<void> {
    await this.auth.refresh(opts.signal);
  }

  async *hosts(opts: CallOptions = {}): AsyncIterable<Host> {
    let cursor: string | undefined;
    do {
      const page = await this.listHosts({ cursor, signal: opts.signal });
      yield* page.items;
      cursor = page.next;
    } while (cursor);
  }

  async listVirtualSwitches(opts: CallOptions = {}): Promise<VirtualSwitch[]> {
    return (await allCursorPages<ExtVswitch>(this.http, '/vorch/v1/vswitches', {}, opts.signal)).map(toVirtualSwitch);
  }

  async listSecurityModules(opts: CallOptions = {}): Promise<SecurityModule[]> {
    return (await allCursorPages<ExtSecurityModule>(this.http, '/vorch/v1/security-modules', {}, opts.signal)).map(toSecurityModule);
  }

  protected fault(extra: Record<string, unknown> = {}): VimFault {
    return { dialect: this.dialect, endpoint: this.o.endpoint, ...extra };
  }

  /** Polls getVm until `settled` says the VM is where it should be (or throws to say it never will be). */
  protected waitForVm(id: string, what: string, settled: (vm: Vm) => boolean, signal?: AbortSignal): Promise<Vm> {
    return waitForTask(async () => {
      const vm = await this.getVm(id, { signal });
      return settled(vm) ? vm : undefined;
    }, { intervalMs: this.o.pollIntervalMs, timeoutMs: this.o.taskTimeoutMs, signal, what: `${what} of ${id}`, fault: this.fault({ vm: id }) });
  }

  /** Polls until getVm answers "not found": a delete resolves when the VM is gone, not when it was asked for. */
  protected async waitForVmGone(id: string, signal?: AbortSignal): Promise<void> {
    await waitForTask(async () => {
      try {
        await this.getVm(id, { signal });
        return undefined;
      } catch (err) {
        if (err instanceof DriverNotFoundError) return true;
        throw err;
      }
    }, { intervalMs: this.o.pollIntervalMs, timeoutMs: this.o.taskTimeoutMs, signal, what: `deletion of ${id}`, fault: this.fault({ vm: id }) });
  }

  /**
   * Start and stop are "make it so": the VIM's refusal because the VM already is in that state is success,
   * which also makes a resent start/stop harmless.
   */
  protected async powerAction(id: string, want: VmState, act: () => Promise<unknown>, signal?: AbortSignal): Promise<Vm> {
    try {
      await act();
    } catch (err) {
      if (!(err instanceof DriverConflictError)) throw err;
      const vm = await this.getVm(id, { signal });
      if (vm.state !== want) throw err;
      return vm;
    }
    return this.waitForVm(id, want === 'running' ? 'start' : 'stop', (vm) => vm.state === want, signal);
  }

  abstract listHosts(req?: PageRequest): Promise<Page<Host>>;
  abstract listStorage(opts?: CallOptions): Promise<StoragePool[]>;
  abstract listNetworks(opts?: CallOptions): Promise<Network[]>;
  abstract createNetwork(req: CreateNetworkRequest, opts?: CallOptions): Promise<Network>;
  abstract getNetwork(id: string, opts?: CallOptions): Promise<Network>;
  abstract deleteNetwork(id: string, opts?: CallOptions): Promise<void>;
  abstract createPort(req: CreatePortRequest, opts?: CallOptions): Promise<Port>;
  abstract getPort(id: string, opts?: CallOptions): Promise<Port>;
  abstract listPorts(networkId: string, opts?: CallOptions): Promise<Port[]>;
  abstract deletePort(id: string, opts?: CallOptions): Promise<void>;
  abstract createVm(req: CreateVmRequest, opts?: CallOptions): Promise<Vm>;
  abstract getVm(id: string, opts?: CallOptions): Promise<Vm>;
  abstract listVms(opts?: CallOptions): Promise<Vm[]>;
  abstract startVm(id: string, opts?: CallOptions): Promise<Vm>;
  abstract stopVm(id: string, opts?: CallOptions): Promise<Vm>;
  abstract deleteVm(id: string, opts?: CallOptions): Promise<void>;
  abstract liveMigrate(id: string, targetHostId: string, opts?: CallOptions): Promise<Vm>;
  abstract currentResourceVersion(opts?: CallOptions): Promise<string>;
  abstract watchChanges(req?: WatchRequest): AsyncIterable<ResourceChange>;
}
