import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { StatsSubjects } from '#vorch/contracts';
import type { AddressEntry, DomainAddressReportInput, TrafficClass } from '#vorch/stats-domain';
import { AddressMapFollower } from './address-map-follower.js';
import { TrafficAccumulator } from './traffic-accumulator.js';

export interface VSwitchAgentOptions {
  nc: NatsConnection;
  switchId: string;
  domainId: string;
  subjects: StatsSubjects;
  /** Called each time the switch applies a new address map revision (propagation measurements). */
  onMapApplied?: (revision: number, at: number) => void;
}

/**
 * What runs on a virtual switch in agent mode: reports the switch's VMs onto the bus, follows the address map
 * the controller distributes, classifies every forwarded frame with it and publishes per-VM per-class
 * counters once per interval (`flush`, which the owner calls on its own timer).
 */
export class VSwitchAgent {
  private readonly accumulator = new TrafficAccumulator();
  private readonly js: JetStreamClient;
  private reportVersion = 0;
  private batchSeq = 0;

  private constructor(private readonly opts: VSwitchAgentOptions, readonly map: AddressMapFollower) {
    this.js = jetstream(opts.nc);
  }

  static async start(opts: VSwitchAgentOptions): Promise<VSwitchAgent> {
    const map = await AddressMapFollower.start(opts.nc, opts.subjects.addressMapBucket, opts.onMapApplied);
    return new VSwitchAgent(opts, map);
  }

  get switchId(): string {
    return this.opts.switchId;
  }

  /**
   * Reports every VM port on this switch (the whole set, so a VM that left disappears). Versions are taken from
   * the clock and always move forward, so a restarted switch's first report is newer than its last one.
   */
  async reportVms(entries: readonly AddressEntry[]): Promise<number> {
    this.reportVersion = Math.max(this.reportVersion + 1, Date.now());
    const report: DomainAddressReportInput = { domainId: this.opts.domainId, version: this.reportVersion, entries: entries.map((e) => ({ ...e })) };
    await this.js.publish(this.opts.subjects.addresses(this.opts.switchId), JSON.stringify(report), {
      msgID: `${this.opts.switchId}:addresses:${this.reportVersion}`,
    });
    return this.reportVersion;
  }

  /** Agent mode: one frame as the switch forwards it. Undefined when it is not an Ethernet frame. */
  forwardFrame(frame: Uint8Array): TrafficClass | undefined {
    return this.accumulator.addFrame(this.map.index, frame);
  }

  /** Publishes the interval's counters (nothing when there was no traffic) and starts a new interval. */
  async flush(): Promise<boolean> {
    const batch = this.accumulator.drain(this.opts.switchId, this.batchSeq + 1, this.map.revision);
    if (!batch) return false;
    this.batchSeq++;
    await this.js.publish(this.opts.subjects.stats(this.opts.switchId), JSON.stringify(batch), { msgID: `${this.opts.switchId}:stats:${batch.intervalStartMs}:${batch.batchSeq}` });
    return true;
  }

  stop(): void {
    this.map.stop();
  }
}
