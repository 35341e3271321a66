import { Counter } from 'prom-client';
import { VorchError, type CommandMeta } from '#vorch/contracts';
import { nextActions, nextWakeUp, StitchingState, type StitchingCommand } from '#vorch/stitching-domain';
import { createLogger, metricsRegistry } from '#vorch/telemetry';
import type { NetworkStore } from './network-store.js';
import type { StitchingActivities } from './stitching-activities.js';
import type { NetworkTeardown } from './network-teardown.js';

const log = createLogger('network-stitching.loop');

const outcomes = new Counter({
  name: 'vorch_stitching_outcomes_total',
  help: 'Outcomes of stitching actions reported to the network aggregate',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

/** Pauses between the passes of one network and the drift checks, kept apart from the domain's retry schedule. */
export interface LoopTiming {
  driftCheckMs: number;
  clock?: () => Date;
}

/**
 * The stitching process manager. For each network it runs the domain's pending actions (nextActions), reports
 * each outcome as a Record… command, and sleeps until the domain's next retry (nextWakeUp). Its own state is the
 * network aggregate, so a restarted service resumes from the events; each outcome carries a command id made of
 * network, site, action and the aggregate version it was derived from, so resending one has no second effect.
 */
export class StitchingLoop {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private driftTimer: NodeJS.Timeout | undefined;
  private driftRunning = false;
  private stopped = false;
  private readonly now: () => string;

  constructor(
    private readonly networks: NetworkStore,
    private readonly activities: StitchingActivities,
    private readonly teardown: NetworkTeardown,
    private readonly timing: LoopTiming,
  ) {
    this.now = () => (timing.clock?.() ?? new Date()).toISOString();
  }

  /** Resumes every network with pending work and starts the periodic drift check. */
  async start(): Promise<void> {
    for (const id of await this.networks.networkIds()) this.kick(id);
    if (this.timing.driftCheckMs > 0) {
      this.driftTimer = setInterval(() => void this.checkDriftOfAll(), this.timing.driftCheckMs);
      this.driftTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.driftTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Runs the network's pending work now (or right after the pass in progress). */
  kick(networkId: string): void {
    if (this.stopped) return;
    const current = this.running.get(networkId);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    this.running.set(networkId, entry);
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await this.pass(networkId);
        } while (entry.again && !this.stopped);
      } catch (err) {
        log.error({ err, networkId }, 'stitching pass failed; retrying later');
        this.wakeAt(networkId, new Date(Date.now() + 2000).toISOString());
      } finally {
        this.running.delete(networkId);
      }
    })();
  }

  /** Resolves once no pass of the network is running (tests and the port flow use it to read settled state). */
  async idle(networkId: string): Promise<void> {
    await this.running.get(networkId)?.done;
  }

  /** One round: act on everything due; progress means another round, else sleep until the next retry. */
  private async pass(networkId: string): Promise<void> {
    for (let round = 0; round < 50 && !this.stopped; round++) {
      const { state, version } = await this.networks.load(networkId);
      if (state.status === 'absent') return;
      const tenantId = (await this.networks.tenantOf(networkId)) ?? 'unknown';
      if (state.status === 'deleted') {
        await this.teardown.releaseResources(state, this.metaFor(networkId, tenantId, 'released'));
        return;
      }
      const actions = nextActions(state, this.now());
      if (actions.length === 0) {
        const wake = nextWakeUp(state, this.now());
        if (wake) this.wakeAt(networkId, wake);
        return;
      }
      const results = await Promise.all(
        actions.map(async (action) => {
          const meta = this.metaFor(networkId, tenantId, `${action.site}:${action.kind}:${version}`);
          const command = await this.activities.perform(state, action, meta, this.now);
          return command ? this.record(networkId, command, meta) : false;
        }),
      );
      // Only retries left (or nothing recorded): the next round would repeat the same calls now; wait instead.
      if (!results.some((progress) => progress)) {
        const after = await this.networks.load(networkId);
        const wake = nextWakeUp(after.state, this.now());
        if (wake) this.wakeAt(networkId, wake);
        return;
      }
    }
  }

  /** Reports an outcome; true when it moved a site forward (anything but a retry or a repair left to a person). */
  private async record(networkId: string, command: StitchingCommand, meta: CommandMeta): Promise<boolean> {
    outcomes.inc({ outcome: command.type });
    try {
      await this.networks.execute(networkId, command, meta);
    } catch (err) {
      // An outcome that no longer fits (the site was removed meanwhile) is dropped: the state says what to do next.
      if (err instanceof VorchError && err.status === 409) {
        log.info({ networkId, command: command.type, code: err.code }, 'outcome no longer applies');
        return true;
      }
      throw err;
    }
    return command.type !== 'RecordSiteUnreachable' && command.type !== 'RecordRepairBlocked';
  }

  private wakeAt(networkId: string, at: string): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(networkId));
    const delay = Math.max(0, Date.parse(at) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(networkId);
      this.kick(networkId);
    }, delay);
    timer.unref();
    this.timers.set(networkId, timer);
  }

  /** Reads every active site's network back; a deleted or changed one becomes a DriftDetected event. */
  async checkDriftOfAll(): Promise<void> {
    if (this.driftRunning || this.stopped) return;
    this.driftRunning = true;
    try {
      for (const id of await this.networks.networkIds()) await this.checkDrift(id);
    } catch (err) {
      log.warn({ err }, 'drift check failed');
    } finally {
      this.driftRunning = false;
    }
  }

  async checkDrift(networkId: string): Promise<void> {
    const { state, version } = await this.networks.load(networkId);
    if (state.status !== 'live') return;
    const tenantId = (await this.networks.tenantOf(networkId)) ?? 'unknown';
    let found = false;
    for (const site of state.sites) {
      if (site.state !== StitchingState.Active || site.vimNetworkId === undefined) continue;
      const meta = this.metaFor(networkId, tenantId, `${site.site}:drift-check:${version}`);
      const command = await this.activities.detectDrift(site.site, state.identity, site.vimNetworkId, meta, this.now);
      if (!command) continue;
      found = true;
      log.warn({ networkId, site: site.site, drift: command }, 'drift detected');
      await this.record(networkId, command, meta);
    }
    // A repair blocked by ports is tried again at each check: a person may have restored the network meanwhile.
    if (found || state.sites.some((s) => s.state === StitchingState.Degraded && s.failure !== undefined)) this.kick(networkId);
  }

  private metaFor(networkId: string, tenantId: string, step: string): CommandMeta {
    return { commandId: `${networkId}:${step}`, tenantId, correlationId: networkId, actor: 'network-stitching' };
  }
}
