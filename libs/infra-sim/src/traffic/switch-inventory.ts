import type { AddressEntry } from '#vorch/stats-domain';
import type { SimSite } from '../model/build-site.js';
import type { Vm } from '../model/entities.js';
import { familyOf } from '../model/ip-block.js';
import { vimIdsOf, type VimIdOf } from './dialect-ids.js';

/**
 * One VM port as a simulated switch sees it: what it reports and what traffic it can send. `vmId` and `hostId` are
 * the ids the site's VIM API gives the VM and its host (see `vimIdsOf`), as a real switch agent reports them.
 */
export interface SwitchPort extends AddressEntry {
  readonly siteName: string;
  /** Only running (or migrating) VMs send traffic; every VM's ports are reported. */
  readonly active: boolean;
}

/** A host's virtual switch and the VM ports behind it. */
export interface SimulatedSwitch {
  readonly switchId: string;
  readonly siteName: string;
  /** The host as the site's VIM API names it. */
  readonly hostId: string;
  readonly domainId: string;
  readonly ports: readonly SwitchPort[];
}

export interface InventoryOptions {
  /** Site name → address domain; a site not named is its own domain. */
  readonly domains?: Readonly<Record<string, string>>;
  /** The tenant a VM's traffic is attributed to (default: its `tenant` metadata, else `defaultTenant`). */
  readonly defaultTenant?: string;
}

/** Switch ids must be one subject token: the site keeps two hosts of the same name on different sites apart. */
export const switchIdOf = (siteName: string, hostName: string): string => `vs-${siteName}-${hostName}`;

export const domainOfSite = (siteName: string, opts: InventoryOptions): string => opts.domains?.[siteName] ?? siteName;

/** The switches of one site that have VMs, each with its VMs' ports (a VM with several NICs has several). */
export function siteSwitches(site: SimSite, opts: InventoryOptions = {}): SimulatedSwitch[] {
  const model = site.model;
  const domainId = domainOfSite(model.name, opts);
  const vimId = vimIdsOf(site);
  const byHost = new Map<string, SwitchPort[]>();
  for (const vm of model.vms.values()) {
    const ports = portsOf(site, vm, vimId, domainId, opts.defaultTenant ?? 'default');
    if (ports.length === 0) continue;
    const list = byHost.get(vm.hostId) ?? [];
    list.push(...ports);
    byHost.set(vm.hostId, list);
  }
  const switches: SimulatedSwitch[] = [];
  for (const [hostId, ports] of byHost) {
    const host = model.requireHost(hostId);
    switches.push({ switchId: switchIdOf(model.name, host.name), siteName: model.name, hostId: vimId(host), domainId, ports });
  }
  return switches;
}

function portsOf(site: SimSite, vm: Vm, vimId: VimIdOf, domainId: string, defaultTenant: string): SwitchPort[] {
  const out: SwitchPort[] = [];
  const vmId = vimId(vm);
  const hostId = vimId(site.model.requireHost(vm.hostId));
  const active = vm.phase === 'running' || vm.phase === 'migrating';
  const tenantId = vm.metadata.tenant ?? defaultTenant;
  for (const nic of vm.nics) {
    const port = site.model.ports.get(nic.portId);
    // The synthetic traffic is IPv4 (UDP frames over IPv4): a port takes part through its IPv4 address.
    const ip = port?.fixedIps.find((f) => familyOf(f.ip) === 4)?.ip;
    if (!port || !ip) continue;
    out.push({ mac: port.mac, ip, vmId, hostId, domainId, tenantId, siteName: site.model.name, active });
  }
  return out;
}
