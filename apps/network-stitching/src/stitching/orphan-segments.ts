import { Counter } from 'prom-client';
import type { SegmentationType } from '#vorch/ipam-domain';
import { createLogger, metricsRegistry } from '#vorch/telemetry';
import type { IpamLedger } from '../address-manager/ipam-ledger.js';

const log = createLogger('network-stitching.orphan-sweep');

const releasedSegments = new Counter({
  name: 'vorch_orphan_segments_released_total',
  help: 'Segment ids (VNIs) held for a network that was never recorded (a create that stopped in between), released by the orphan sweep',
  registers: [metricsRegistry],
});

/**
 * Creating a network takes its VNI before it records the network (network-commands.ts). A service that stops in
 * between leaves the VNI held for a network id nothing else knows; the same command sent again finishes the job under
 * that id, but one never sent again would hold the VNI for ever. This step of the orphan sweep releases such a VNI
 * once two sweeps at least the grace period apart have both found it held for an unrecorded network: a network being
 * created right now is recorded well within that time. Like the port sweep, what it saw is per process.
 */
export class OrphanSegments {
  /** `<type>/<networkId>` → when first seen held for an unrecorded network (epoch ms). */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly ledger: IpamLedger,
    private readonly types: readonly SegmentationType[] = ['vxlan'],
  ) {}

  /** Another replica leads the sweep now: what this one saw would be stale by the time it leads again. */
  forget(): void {
    this.firstSeen.clear();
  }

  /**
   * `recorded`: the networks in the stream, listed before this reads the holders, so a network recorded in between
   * is at worst seen once as unrecorded and waits out a grace period it never reaches.
   */
  async sweep(recorded: ReadonlySet<string>, now: number, graceMs: number): Promise<{ pending: number; released: number }> {
    const seen = new Set<string>();
    let pending = 0;
    let released = 0;
    for (const type of this.types) {
      for (const networkId of await this.ledger.segmentHolders(type)) {
        if (recorded.has(networkId)) continue;
        const key = `${type}/${networkId}`;
        seen.add(key);
        const first = this.firstSeen.get(key);
        if (first === undefined || now - first < graceMs) {
          this.firstSeen.set(key, first ?? now);
          pending++;
          continue;
        }
        // The first sighting is in the command id: the same network id orphaned again later is a new release.
        const meta = { commandId: `${networkId}:orphan-segment-release:${first}`, tenantId: 'system', correlationId: networkId, actor: 'network-stitching' };
        await this.ledger.segments(type, { type: 'ReleaseSegment', networkId }, meta);
        this.firstSeen.delete(key);
        releasedSegments.inc();
        released++;
        log.warn({ networkId, type, orphanForMs: now - first }, 'released a segment id held for a network that was never recorded');
      }
    }
    for (const key of this.firstSeen.keys()) if (!seen.has(key)) this.firstSeen.delete(key);
    return { pending, released };
  }
}
