import type { NatsConnection } from '@nats-io/transport-node';
import { statsSubjects, type StatsSubjects } from '#vorch/contracts';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { buildUdpFrame, IpfixExporter, VSwitchAgent, type ExportedFlow } from '#vorch/vswitch-agent';
import type { SimSite } from '../model/build-site.js';
import { siteSwitches, type InventoryOptions, type SimulatedSwitch } from './switch-inventory.js';
import { planSwitchTraffic, type PlannedFlow } from './traffic-plan.js';

export interface SimulatedSwitchFabricOptions extends InventoryOptions {
  nc: NatsConnection;
  sites: ReadonlyMap<string, SimSite>;
  subjects?: StatsSubjects;
  /** Frames per second each running VM sends to each kind of peer (default 10). */
  framesPerSecond?: number;
  /** How often traffic is generated and counters are published (default 1000 ms). */
  intervalMs?: number;
  /** Collector mode: one switch per site exports its traffic as IPFIX to this address instead of counting it. */
  ipfixCollector?: { host: string; port: number };
  /** VM changes arriving within this window are reported together (default 100 ms). */
  resyncDelayMs?: number;
}

const log = createLogger('infra-sim-switch-fabric');
const warn = rateLimitedLogger(log);

/**
 * infra-sim's virtual switches on the stats bus: one `VSwitchAgent` per host switch with VMs, reporting the VMs
 * behind it, and synthetic traffic between VMs classified on the switches (agent mode) or, for one switch per site
 * when a collector address is given, exported as IPFIX (collector mode). VM changes in the simulator are reported
 * again. Reports, ticks and resyncs run one after the other so a report never overtakes a newer one.
 */
export class SimulatedSwitchFabric {
  private readonly agents = new Map<string, VSwitchAgent>();
  /** What each switch last reported (its entries as JSON), so an unchanged switch is not reported again. */
  private readonly reported = new Map<string, string>();
  private readonly domains = new Map<string, string>();
  private readonly exporterOfSite = new Map<string, string>();
  private readonly exporters = new Map<string, IpfixExporter>();
  private current: SimulatedSwitch[] = [];
  private work: Promise<void> = Promise.resolve();
  private tickCount = 0;
  private timer?: NodeJS.Timeout;
  private resyncTimer?: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = false;
  private ticking = false;
  /** Frames forwarded to agents and flow records exported, since start. */
  framesForwarded = 0;
  recordsExported = 0;

  private constructor(private readonly opts: SimulatedSwitchFabricOptions) {}

  static async start(opts: SimulatedSwitchFabricOptions): Promise<SimulatedSwitchFabric> {
    const fabric = new SimulatedSwitchFabric(opts);
    // A report that fails (the collector has not created its stream yet) is retried at the next interval.
    await fabric.resync();
    for (const site of opts.sites.values()) {
      fabric.unsubscribe.push(site.model.feed.subscribe((change) => {
        if (change.entity.kind === 'vm' || change.entity.kind === 'port') fabric.scheduleResync();
      }));
    }
    // An interval slower than the timer (a huge estate, a slow bus) is not queued behind itself: the next is skipped.
    fabric.timer = setInterval(() => {
      if (fabric.ticking) return;
      fabric.ticking = true;
      void fabric.tick().finally(() => (fabric.ticking = false));
    }, opts.intervalMs ?? 1000);
    return fabric;
  }

  /** The switches with VMs, as last reported. */
  get switches(): readonly SimulatedSwitch[] {
    return this.current;
  }

  agent(switchId: string): VSwitchAgent | undefined {
    return this.agents.get(switchId);
  }

  /** Switch ids exporting IPFIX (collector mode); empty in agent mode. */
  get exportingSwitches(): string[] {
    return [...this.exporterOfSite.values()];
  }

  /** Re-reads the simulator and reports every switch whose VMs changed (a switch that lost them all reports none). */
  resync(): Promise<void> {
    return this.serially(() => this.sync());
  }

  private async sync(): Promise<void> {
    const next = [...this.opts.sites.values()].flatMap((s) => siteSwitches(s, this.opts));
    const present = new Set(next.map((s) => s.switchId));
    const emptied = [...this.reported.keys()].filter((id) => !present.has(id));
    for (const sw of next) await this.report(sw.switchId, sw.domainId, sw);
    for (const id of emptied) await this.report(id, this.domains.get(id) ?? '', undefined);
    this.current = next;
    this.chooseExporters();
  }

  /** One interval: reports caught up, every switch's traffic, then its counters published (or its records exported). */
  tick(): Promise<void> {
    return this.serially(async () => {
      const intervalMs = this.opts.intervalMs ?? 1000;
      const exporting = new Set(this.exporterOfSite.values());
      const tick = this.tickCount++;
      await this.sync();
      for (const sw of this.current) {
        // A switch that holds no address map yet would count every frame as external: its VMs come up after it has one.
        if ((this.agents.get(sw.switchId)?.map.revision ?? 0) === 0) continue;
        const plan = planSwitchTraffic(sw, this.current, { framesPerSecond: this.opts.framesPerSecond ?? 10, intervalMs, tick });
        if (exporting.has(sw.switchId)) await this.exportFlows(sw.switchId, plan);
        else this.forwardFrames(sw.switchId, plan);
      }
      await Promise.all([...this.agents.values()].map((a) => a.flush()));
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.resyncTimer);
    for (const u of this.unsubscribe) u();
    await this.work;
    for (const a of this.agents.values()) a.stop();
    for (const e of this.exporters.values()) e.close();
  }

  private forwardFrames(switchId: string, plan: readonly PlannedFlow[]): void {
    const agent = this.agents.get(switchId);
    if (!agent) return;
    for (const f of plan) {
      const frame = buildUdpFrame({ srcMac: f.src.mac, dstMac: f.dst.mac, srcIp: f.src.ip, dstIp: f.dst.ip, srcPort: 40000, dstPort: 8080, length: f.frameBytes });
      for (let i = 0; i < f.frames; i++) agent.forwardFrame(frame);
      this.framesForwarded += f.frames;
    }
  }

  private async exportFlows(switchId: string, plan: readonly PlannedFlow[]): Promise<void> {
    const target = this.opts.ipfixCollector;
    if (!target || plan.length === 0) return;
    let exporter = this.exporters.get(switchId);
    if (!exporter) {
      // The observation domain tells the collector's template cache one switch from another.
      exporter = new IpfixExporter({ host: target.host, port: target.port, observationDomainId: this.exporters.size + 1 });
      this.exporters.set(switchId, exporter);
    }
    const flows: ExportedFlow[] = plan.map((f) => ({
      srcMac: f.src.mac, dstMac: f.dst.mac, srcIp: f.src.ip, dstIp: f.dst.ip, protocol: 17, srcPort: 40000, dstPort: 8080, bytes: f.frames * f.frameBytes, packets: f.frames,
    }));
    await exporter.export(flows);
    this.recordsExported += flows.length;
  }

  private async report(switchId: string, domainId: string, sw: SimulatedSwitch | undefined): Promise<void> {
    const entries = (sw?.ports ?? []).map(({ mac, ip, vmId, hostId, domainId: d, tenantId }) => ({ mac, ip, vmId, hostId, domainId: d, tenantId }));
    const key = JSON.stringify(entries);
    if (this.reported.get(switchId) === key) return;
    let agent = this.agents.get(switchId);
    if (!agent) {
      agent = await VSwitchAgent.start({ nc: this.opts.nc, switchId, domainId, subjects: this.opts.subjects ?? statsSubjects() });
      this.agents.set(switchId, agent);
      this.domains.set(switchId, domainId);
    }
    await agent.reportVms(entries);
    if (entries.length === 0) this.reported.delete(switchId);
    else this.reported.set(switchId, key);
  }

  /** Collector mode keeps each site's exporting switch while it still has VMs, so its records stay in one place. */
  private chooseExporters(): void {
    if (!this.opts.ipfixCollector) return;
    for (const site of this.opts.sites.keys()) {
      const candidates = this.current.filter((s) => s.siteName === site).map((s) => s.switchId).sort();
      const held = this.exporterOfSite.get(site);
      if (held && candidates.includes(held)) continue;
      if (candidates.length > 0) this.exporterOfSite.set(site, candidates[0]);
      else this.exporterOfSite.delete(site);
    }
  }

  private scheduleResync(): void {
    if (this.stopped || this.resyncTimer) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      void this.resync();
    }, this.opts.resyncDelayMs ?? 100);
  }

  /** Runs `fn` after everything queued before it; a failure is logged and does not stop the next interval. */
  private serially(fn: () => Promise<void>): Promise<void> {
    const run = this.work.then(async () => {
      if (this.stopped) return;
      try {
        await fn();
      } catch (err) {
        warn(String((err as { code?: unknown }).code ?? 'error'), { err }, 'simulated switches: interval failed');
      }
    });
    this.work = run;
    return run;
  }
}
