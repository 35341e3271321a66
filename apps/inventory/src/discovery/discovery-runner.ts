import { newId, type CommandMeta } from '#vorch/contracts';
import { diffInventory, resourceKey, type InventoryDiff, type InventoryResource } from '#vorch/inventory-domain';
import { DriverAuthError, DriverError, type VimDriver } from '#vorch/vim-drivers';
import { createLogger } from '#vorch/telemetry';
import type { SiteCommands } from '../commands/site-commands.js';
import type { InventoryQueries } from '../queries/inventory-queries.js';
import type { SiteDrivers } from './site-drivers.js';
import { hostResource, knownByKey, networkResource, securityModuleResource, storageResource, virtualSwitchResource } from './resource-mapping.js';
import { walkVms } from './vm-walk.js';
import type { RefreshPlan } from './refresh-plan.js';
import { TargetedRefresh, type RefreshOutcome } from './targeted-refresh.js';

const log = createLogger('inventory.discovery');

/** Pages are recorded in chunks of this many resources: one commit each, well under JetStream's message size limit. */
const CHUNK = 500;

export interface DiscoveryOutcome {
  siteId: string;
  runId: string;
  status: 'ready' | 'unreachable' | 'superseded';
  resourcesSeen: number;
  reason?: string;
}

/**
 * Walks a site's inventory through its driver and records what changed as events of the site aggregate.
 * A walk interrupted by an unreachable site is recorded with the cursor it reached; the next run resumes there.
 */
export class DiscoveryRunner {
  private readonly running = new Map<string, Promise<DiscoveryOutcome>>();
  /** Targeted refreshes in progress: a walk of the same site waits for it, so the two never diff the same objects at once. */
  private readonly refreshing = new Map<string, Promise<RefreshOutcome>>();
  private readonly targeted: TargetedRefresh;

  constructor(
    private readonly sites: SiteCommands,
    private readonly queries: InventoryQueries,
    private readonly drivers: SiteDrivers,
    private readonly waitForReadModel: (seq: number) => Promise<void>,
    private readonly pageSize: number,
    /** Told when a run completed, so what depends on the whole inventory (the site's address report) follows it. */
    private readonly onCompleted: (siteId: string) => void = () => {},
  ) {
    this.targeted = new TargetedRefresh(sites, queries, waitForReadModel);
  }

  /** Starts a run unless one is already going in this process for the site; returns the run's outcome. */
  discover(siteId: string, tenantId: string): Promise<DiscoveryOutcome> {
    const current = this.running.get(siteId);
    if (current) return current;
    const pending = this.refreshing.get(siteId)?.catch(() => undefined) ?? Promise.resolve();
    const run = pending.then(() => this.run(siteId, tenantId)).finally(() => this.running.delete(siteId));
    this.running.set(siteId, run);
    return run;
  }

  isRunning(siteId: string): boolean {
    return this.running.has(siteId) || this.refreshing.has(siteId);
  }

  /**
   * Reads again just the objects a burst of change-feed entries named (see TargetedRefresh). Callers check
   * isRunning first; a driver error rejects, and the caller falls back to a walk.
   */
  refresh(siteId: string, tenantId: string, plan: Extract<RefreshPlan, { kind: 'targeted' }>): Promise<RefreshOutcome> {
    const work = (async () => {
      const outcome = await this.targeted.apply(siteId, tenantId, await this.driverForSite(siteId), plan);
      if (outcome.discovered + outcome.changed + outcome.gone > 0) this.onCompleted(siteId);
      return outcome;
    })().finally(() => this.refreshing.delete(siteId));
    this.refreshing.set(siteId, work);
    return work;
  }

  private async run(siteId: string, tenantId: string): Promise<DiscoveryOutcome> {
    const runId = newId();
    const meta = (step: string): CommandMeta => ({ commandId: `${runId}:${step}`, tenantId, correlationId: runId, actor: 'inventory.discovery' });
    // 1. open the run; the decider hands back where an interrupted walk stopped
    const started = await this.sites.execute(siteId, { type: 'StartDiscovery', runId }, meta('start'));
    const state = started.state;
    const resumeFrom = state.run?.cursor ?? null;
    // 2. what Vorch knows now (the read model must include everything recorded before this run)
    await this.waitForReadModel((await this.sites.load(siteId)).seq);
    const known = knownByKey(await this.queries.knownResources(siteId));
    const seen = new Set<string>();
    let resourcesSeen = 0;
    let step = 0;
    const record = async (observed: InventoryResource[], cursor: string | null) => {
      for (let i = 0; i < observed.length; i += CHUNK) {
        const chunk = observed.slice(i, i + CHUNK);
        const diff = diffInventory(known, chunk, { complete: false });
        await this.sites.execute(siteId, { type: 'RecordInventory', runId, diff, cursor }, meta(`page-${step++}`));
        for (const r of chunk) {
          seen.add(resourceKey(r));
          known.set(resourceKey(r), r);
        }
        resourcesSeen += chunk.length;
      }
    };
    try {
      const driver = this.drivers.forSite(siteId, state);
      // 3. hosts, page by page, from the resume point
      let cursor: string | undefined = resumeFrom ?? undefined;
      do {
        const page = await driver.listHosts({ cursor, limit: this.pageSize });
        await record(page.items.map(hostResource), page.next ?? null);
        cursor = page.next;
        log.info({ siteId, runId, resourcesSeen }, 'discovery progress');
      } while (cursor);
      // 4. the rest of the inventory (single lists in every dialect)
      await record((await driver.listStorage()).map(storageResource), null);
      await record((await driver.listNetworks()).map(networkResource), null);
      await record((await driver.listVirtualSwitches()).map(virtualSwitchResource), null);
      await record((await driver.listSecurityModules()).map(securityModuleResource), null);
      await record(await walkVms(driver), null);
      // 5. what is no longer reported is gone; a resumed walk did not see the pages before its cursor, so it
      //    declares only non-host resources gone and leaves hosts to the next full run.
      const gone = [...known.entries()]
        .filter(([key, r]) => !seen.has(key) && (resumeFrom === null || r.kind !== 'host'))
        .map(([, r]) => ({ kind: r.kind, externalId: r.externalId, name: r.name }));
      for (let i = 0; i < gone.length; i += CHUNK) {
        const diff: InventoryDiff = { discovered: [], changed: [], gone: gone.slice(i, i + CHUNK), unchanged: 0 };
        await this.sites.execute(siteId, { type: 'RecordInventory', runId, diff, cursor: null }, meta(`gone-${i}`));
      }
      // 6. close the run
      await this.sites.execute(siteId, { type: 'CompleteDiscovery', runId }, meta('complete'));
      log.info({ siteId, runId, resourcesSeen, gone: gone.length }, 'discovery completed');
      this.onCompleted(siteId);
      return { siteId, runId, status: 'ready', resourcesSeen };
    } catch (err) {
      if (err instanceof DriverError) {
        const reason = err instanceof DriverAuthError ? `credentials refused: ${err.message}` : err.message;
        await this.sites.execute(siteId, { type: 'MarkUnreachable', runId, reason }, meta('unreachable'));
        log.warn({ siteId, runId, resourcesSeen, reason }, 'site unreachable during discovery; it will resume');
        return { siteId, runId, status: 'unreachable', resourcesSeen, reason };
      }
      if ((err as { code?: string }).code === 'SITE.STALE_DISCOVERY_RUN') {
        log.info({ siteId, runId }, 'discovery run superseded by a newer one');
        return { siteId, runId, status: 'superseded', resourcesSeen };
      }
      throw err;
    }
  }

  /** A driver for a registered site, from its recorded endpoint and sealed credentials. */
  async driverForSite(siteId: string): Promise<VimDriver> {
    return this.drivers.forSite(siteId, (await this.sites.load(siteId)).state);
  }
}
