import { newId, type CommandMeta } from '#vorch/contracts';
import { diffInventory, resourceKey, type InventoryDiff, type InventoryResource } from '#vorch/inventory-domain';
import type { VimDriver, Vm } from '#vorch/vim-drivers';
import type { SiteCommands } from '../commands/site-commands.js';
import type { InventoryQueries } from '../queries/inventory-queries.js';
import type { RefreshPlan } from './refresh-plan.js';
import { orGone } from './or-gone.js';
import { hostResource, knownByKey, networkResource } from './resource-mapping.js';
import { withPorts } from './vm-walk.js';

type Targeted = Extract<RefreshPlan, { kind: 'targeted' }>;
type Key = { kind: string; externalId: string };

export interface RefreshOutcome {
  /** Objects read again from the VIM. */
  read: number;
  discovered: number;
  changed: number;
  gone: number;
}

/** Resources per RecordInventory commit, as in a walk: well under JetStream's message size limit. */
const CHUNK = 500;

/**
 * Applies a burst of change-feed entries by reading just the objects named, instead of walking the whole site:
 * on a 10,000-host site one VM created behind Vorch's back costs a few VIM calls, not a walk of every page.
 * The outcome is recorded like a walked page (RecordInventory without a run), so it shows as drift the same way.
 * A port change re-reads the VM it is plugged into (ports live in their VM's attributes), or, for a deleted port,
 * the VM Vorch last saw holding it.
 */
export class TargetedRefresh {
  constructor(
    private readonly sites: SiteCommands,
    private readonly queries: InventoryQueries,
    private readonly waitForReadModel: (seq: number) => Promise<void>,
  ) {}

  async apply(siteId: string, tenantId: string, driver: VimDriver, plan: Targeted): Promise<RefreshOutcome> {
    // 1. the VMs to read: those named, those the changed ports are plugged into, those that held deleted ports
    const vmIds = new Set(plan.vms);
    const deletedPorts: string[] = [];
    for (const id of plan.ports) {
      const port = await orGone(driver.getPort(id));
      if (port?.vmId) vmIds.add(port.vmId);
      else if (!port) deletedPorts.push(id);
    }
    await this.waitForReadModel((await this.sites.load(siteId)).seq);
    for (const id of await this.queries.vmIdsHoldingPorts(siteId, deletedPorts)) vmIds.add(id);

    // 2. read each object again; one the VIM no longer has is gone
    const observed: InventoryResource[] = [];
    const goneKeys: Key[] = [];
    for (const id of plan.networks) {
      const network = await orGone(driver.getNetwork(id));
      if (network) observed.push(networkResource(network));
      else goneKeys.push({ kind: 'network', externalId: id });
    }
    const vms: Vm[] = [];
    for (const id of vmIds) {
      const vm = await orGone(driver.getVm(id));
      if (vm) vms.push(vm);
      else goneKeys.push({ kind: 'vm', externalId: id });
    }
    observed.push(...(await withPorts(driver, vms)));

    // 3. compare with what Vorch knows of exactly these objects, and record the difference
    const keys: Key[] = [...observed.map((r) => ({ kind: r.kind, externalId: r.externalId })), ...goneKeys];
    const known = knownByKey(await this.queries.knownResourcesByKey(siteId, keys));
    const diff: InventoryDiff = diffInventory(known, observed, { complete: false });
    for (const k of goneKeys) {
      const before = known.get(resourceKey({ kind: k.kind as InventoryResource['kind'], externalId: k.externalId }));
      if (before) diff.gone.push({ kind: before.kind, externalId: before.externalId, name: before.name });
    }
    let read = plan.networks.length + vmIds.size + plan.ports.length;
    // 4. the hosts, listed in full and compared with every host Vorch knows (so one gone is noticed too)
    if (plan.hosts) {
      const hosts: InventoryResource[] = [];
      for await (const h of driver.hosts()) hosts.push(hostResource(h));
      const hostDiff = diffInventory(knownByKey(await this.queries.knownResourcesOfKind(siteId, 'host')), hosts, { complete: true });
      diff.discovered.push(...hostDiff.discovered);
      diff.changed.push(...hostDiff.changed);
      diff.gone.push(...hostDiff.gone);
      read += hosts.length;
    }
    const outcome = { read, discovered: diff.discovered.length, changed: diff.changed.length, gone: diff.gone.length };
    if (outcome.discovered + outcome.changed + outcome.gone > 0) await this.record(siteId, tenantId, diff);
    return outcome;
  }

  private async record(siteId: string, tenantId: string, diff: InventoryDiff): Promise<void> {
    const refreshId = newId();
    for (const [i, chunk] of chunkDiff(diff, CHUNK).entries()) {
      const meta: CommandMeta = { commandId: `refresh:${refreshId}:${i}`, tenantId, correlationId: refreshId, actor: 'inventory.watch' };
      await this.sites.execute(siteId, { type: 'RecordInventory', runId: null, diff: chunk, cursor: null }, meta);
    }
  }
}

/** The diff in commits of at most `size` resources each, discovered first, then changed, then gone. */
export function chunkDiff(diff: InventoryDiff, size: number): InventoryDiff[] {
  const entries = [
    ...diff.discovered.map((r) => ({ discovered: r })),
    ...diff.changed.map((c) => ({ changed: c })),
    ...diff.gone.map((g) => ({ gone: g })),
  ];
  const chunks: InventoryDiff[] = [];
  for (let i = 0; i < entries.length; i += size) {
    const chunk: InventoryDiff = { discovered: [], changed: [], gone: [], unchanged: 0 };
    for (const e of entries.slice(i, i + size)) {
      if ('discovered' in e) chunk.discovered.push(e.discovered);
      else if ('changed' in e) chunk.changed.push(e.changed);
      else chunk.gone.push(e.gone);
    }
    chunks.push(chunk);
  }
  return chunks;
}
