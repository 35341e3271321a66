import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import type { CommandMeta } from '#vorch/contracts';
import type { ExistingNetwork, SiteStitch } from '#vorch/stitching-domain';
import { createLogger, metricsRegistry } from '#vorch/telemetry';
import type { Port } from '#vorch/vim-drivers';
import type { NetworkStore } from './network-store.js';
import type { OrphanAddresses } from './orphan-addresses.js';
import type { OrphanSegments } from './orphan-segments.js';
import type { PortRegistry } from './port-registry.js';
import { isNotFound, isUnreachable, type VimClient } from './vim-client.js';

const log = createLogger('network-stitching.orphan-sweep');

const deletedPorts = new Counter({
  name: 'vorch_orphan_ports_deleted_total',
  help: 'Ports Vorch created on a VIM but never recorded (the service stopped in between), deleted by the orphan sweep',
  labelNames: ['side'],
  registers: [metricsRegistry],
});

/**
 * Every port Vorch creates on a VIM starts with this (stitched ports and their reservations, see vim-port-names.ts;
 * `vorch-alloc-<allocationId>` reservations of direct allocations); other names are operators'.
 */
export const VORCH_PORT_PREFIX = 'vorch-';

export interface OrphanSweepTiming {
  /** Pause between sweeps; 0 runs none on a timer (sweepOnce still works). */
  intervalMs: number;
  /** A port is deleted only once two sweeps at least this far apart have both seen it orphaned. */
  graceMs: number;
  now?: () => number;
}

/** Who may sweep: only one replica at a time (a lease or a lock), asked before each network. */
export interface SweepLeadership {
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export interface OrphanPortSweeperDeps {
  networks: NetworkStore;
  registry: PortRegistry;
  vim: VimClient;
  /** The home-VIM port ids the address ledger holds as reservations of the network's direct allocations. */
  knownReservations: (networkId: string) => Promise<Set<string>>;
  /** Frees in the ledger what a deleted home orphan may still hold there. */
  addresses: OrphanAddresses;
  /** VNIs held for networks never recorded: swept under the same lease and grace period, after the ports. */
  segments?: OrphanSegments;
  leadership: SweepLeadership;
  timing: OrphanSweepTiming;
}

export interface SweepReport {
  leader: boolean;
  /** VIM networks listed. */
  networks: number;
  /** Orphans seen but still inside their grace period. */
  pending: number;
  deleted: number;
  /** VNIs held for unrecorded networks: seen but still inside their grace period, and released. */
  segmentsPending: number;
  segmentsReleased: number;
}

type Side = 'home' | 'peer';

/**
 * Creating a port makes a port on the home VIM first and records it afterwards (port-commands.ts); a service that
 * stops in between leaves a port on the VIM that holds an address and that nothing in Vorch knows. This sweep finds
 * them: on every VIM network of every network, a port named `vorch-*` whose id is neither in the port registry nor
 * among the ledger's reservations, and bound to no VM, is an orphan. A VIM port has no creation time, so the sweep
 * remembers when it first saw each orphan and deletes it only when a later sweep, at least `graceMs` after, still
 * finds it orphaned: a port being created right now is recorded well within that time and is never touched.
 * The memory is per process and lost on restart, which only delays a deletion by one grace period.
 */
export class OrphanPortSweeper {
  /** `<networkId>|<site>/<vimNetworkId>` → orphan VIM port id → when first seen orphaned (epoch ms). */
  private readonly firstSeen = new Map<string, Map<string, number>>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;
  private stopped = false;

  constructor(private readonly d: OrphanPortSweeperDeps) {
    this.now = d.timing.now ?? Date.now;
  }

  start(): void {
    if (this.d.timing.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.sweepOnce().catch((err: unknown) => log.warn({ err }, 'orphan port sweep failed; trying again at the next one'));
    }, this.d.timing.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.d.leadership.release().catch(() => undefined);
  }

  /** One sweep over every network (a sweep still running is joined rather than doubled). */
  sweepOnce(): Promise<SweepReport> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<SweepReport> {
    const report: SweepReport = { leader: false, networks: 0, pending: 0, deleted: 0, segmentsPending: 0, segmentsReleased: 0 };
    if (this.stopped || !(await this.leads())) return report;
    report.leader = true;
    const visited = new Set<string>();
    const networkIds = await this.d.networks.networkIds();
    for (const networkId of networkIds) {
      if (this.stopped) break;
      // Asked again before each network, so a replica that lost the lease mid-sweep stops there.
      if (!(await this.leads())) return { ...report, leader: false };
      try {
        await this.sweepNetwork(networkId, visited, report);
      } catch (err) {
        log.warn({ err, networkId }, 'orphan sweep of a network failed; it is swept again next time');
        for (const key of this.firstSeen.keys()) if (key.startsWith(`${networkId}|`)) visited.add(key);
      }
    }
    // Networks deleted (or sites torn down) since: forget their orphans.
    for (const key of this.firstSeen.keys()) if (!visited.has(key)) this.firstSeen.delete(key);
    if (this.d.segments && !this.stopped && (await this.leads())) {
      try {
        // The networks listed before the ports were swept: recorded before the holders are read, which is what counts.
        const segments = await this.d.segments.sweep(new Set(networkIds), this.now(), this.d.timing.graceMs);
        report.segmentsPending = segments.pending;
        report.segmentsReleased = segments.released;
      } catch (err) {
        log.warn({ err }, 'orphan segment sweep failed; it is swept again next time');
      }
    }
    if (report.deleted > 0 || report.pending > 0 || report.segmentsReleased > 0 || report.segmentsPending > 0) log.info(report, 'orphan sweep');
    return report;
  }

  private async leads(): Promise<boolean> {
    if (await this.d.leadership.hold()) return true;
    // Another replica sweeps now; what this one saw would be stale by the time it leads again.
    this.firstSeen.clear();
    this.d.segments?.forget();
    return false;
  }

  private async sweepNetwork(networkId: string, visited: Set<string>, report: SweepReport): Promise<void> {
    const { state } = await this.d.networks.load(networkId);
    // A network being deleted is swept too: an orphan on its VIM network would block that network's deletion.
    if (state.status !== 'live' && state.status !== 'deleting') return;
    const tenantId = await this.d.networks.tenantOf(networkId);
    if (!tenantId) return;
    const meta: CommandMeta = { commandId: `${networkId}:orphan-sweep:${randomUUID()}`, tenantId, correlationId: networkId, actor: 'network-stitching' };

    // 1. list every VIM network's ports first…
    const listed: Array<{ site: SiteStitch; key: string; ports: Port[] }> = [];
    for (const site of state.sites) {
      if (site.vimNetworkId === undefined) continue;
      const key = `${networkId}|${site.site}/${site.vimNetworkId}`;
      visited.add(key);
      try {
        listed.push({ site, key, ports: await this.d.vim.listPorts(site.site, site.vimNetworkId, meta) });
        report.networks++;
      } catch (err) {
        // Gone (drift: the stitching loop repairs it) or not answering: nothing to sweep there this time.
        if (!isNotFound(err) && !isUnreachable(err)) throw err;
        log.debug({ networkId, site: site.site, code: (err as { code?: string }).code }, 'ports not listed');
      }
    }
    if (listed.length === 0) return;
    // 2. …then what Vorch knows: a port recorded while the VIMs were listed is known by now.
    const known = await this.knownPortIds(networkId);

    // 3. a home reservation whose MAC/IP a peer's port uses still reserves an address in use (the service stopped
    //    after creating the user-named port on the peer): it stays, and so does everything while a peer was not read.
    const home = state.identity.homeSite;
    const everyPeerListed = listed.length === state.sites.filter((s) => s.vimNetworkId !== undefined).length;
    const usedOnPeers = new Set(listed.filter((l) => l.site.site !== home).flatMap((l) => l.ports.filter((p) => !isOrphan(p, known)).flatMap((p) => [p.mac, ...p.ips])));
    const stillReserving = (p: Port) => !everyPeerListed || [p.mac, ...p.ips].some((a) => usedOnPeers.has(a));

    // 4. orphans seen for at least the grace period go
    for (const { site, key, ports } of listed) {
      const side: Side = site.site === home ? 'home' : 'peer';
      const orphans = ports.filter((p) => isOrphan(p, known) && !(side === 'home' && stillReserving(p)));
      await this.settle(state, site.site, key, orphans, side, meta, report);
    }
  }

  private async knownPortIds(networkId: string): Promise<Set<string>> {
    const [registry, reservations] = await Promise.all([this.d.registry.load(networkId), this.d.knownReservations(networkId)]);
    const known = new Set(reservations);
    // Both ids on every site: VIM port ids are UUIDs, and a larger known set can only spare a port, never doom one.
    for (const p of Object.values(registry.ports)) known.add(p.vimPortId).add(p.homeVimPortId);
    return known;
  }

  private async settle(network: ExistingNetwork, site: string, key: string, orphans: Port[], side: Side, meta: CommandMeta, report: SweepReport): Promise<void> {
    const now = this.now();
    const before = this.firstSeen.get(key) ?? new Map<string, number>();
    const still = new Map<string, number>();
    for (const port of orphans) {
      const first = before.get(port.externalId);
      if (first === undefined || now - first < this.d.timing.graceMs) {
        still.set(port.externalId, first ?? now);
        report.pending++;
        continue;
      }
      try {
        await this.d.vim.deletePort(site, port.externalId, meta);
        // The VIM first, the ledger after: the address is never free in the ledger while the VIM still holds it.
        if (side === 'home') await this.d.addresses.release(network.identity.networkId, port, meta);
        deletedPorts.inc({ side });
        report.deleted++;
        log.warn(
          { networkId: network.identity.networkId, site, side, vimPortId: port.externalId, name: port.name, mac: port.mac, ips: port.ips, orphanForMs: now - first },
          'deleted an orphan port (created on the VIM, never recorded by Vorch)',
        );
      } catch (err) {
        if (isNotFound(err)) continue;
        still.set(port.externalId, first);
        log.warn({ err, networkId: network.identity.networkId, site, vimPortId: port.externalId }, 'could not delete an orphan port; trying again next sweep');
      }
    }
    this.firstSeen.set(key, still);
  }
}

/** Vorch's name, unknown to the registry and the ledger, and used by no VM (deleting that would cut the VM off). */
function isOrphan(p: Port, known: Set<string>): boolean {
  return p.name.startsWith(VORCH_PORT_PREFIX) && !known.has(p.externalId) && !p.vmId;
}
