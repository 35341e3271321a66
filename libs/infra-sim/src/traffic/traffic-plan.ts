import type { SimulatedSwitch, SwitchPort } from './switch-inventory.js';

/** An address outside every simulated site (TEST-NET-2), so its traffic is classified external. */
export const EXTERNAL_END = { ip: '198.51.100.7', mac: '02:ff:ff:ff:ff:01' } as const;

export type IntendedClass = 'intra-server' | 'inter-server-intra-domain' | 'inter-domain' | 'external';

/** One synthetic conversation for the interval: `frames` frames of `frameBytes` from `src` to `dst`. */
export interface PlannedFlow {
  readonly intended: IntendedClass;
  readonly src: SwitchPort;
  readonly dst: { readonly ip: string; readonly mac: string };
  readonly frames: number;
  readonly frameBytes: number;
}

export interface PlanOptions {
  /** Frames per second each active VM sends to each kind of peer. */
  readonly framesPerSecond: number;
  readonly intervalMs: number;
  /** Rotates the peers chosen, so over time a VM talks to all of them. */
  readonly tick: number;
}

const FRAME_BYTES: Record<IntendedClass, number> = { 'intra-server': 1500, 'inter-server-intra-domain': 1200, 'inter-domain': 800, external: 400 };

/**
 * The traffic every active VM of one switch sends this interval: one peer on its own host, one on another host
 * of its domain, one in another domain and the external end — whichever exist. Peers are active VMs only.
 */
export function planSwitchTraffic(sw: SimulatedSwitch, all: readonly SimulatedSwitch[], opts: PlanOptions): PlannedFlow[] {
  const frames = Math.max(1, Math.round((opts.framesPerSecond * opts.intervalMs) / 1000));
  const active = (ports: readonly SwitchPort[]) => ports.filter((p) => p.active);
  const sameDomainElsewhere = active(all.filter((s) => s.domainId === sw.domainId && s.switchId !== sw.switchId).flatMap((s) => s.ports));
  const otherDomains = active(all.filter((s) => s.domainId !== sw.domainId).flatMap((s) => s.ports));
  const local = active(sw.ports);
  const out: PlannedFlow[] = [];
  for (const [i, src] of local.entries()) {
    const pick = (peers: readonly SwitchPort[]) => (peers.length === 0 ? undefined : peers[(opts.tick + i) % peers.length]);
    const neighbour = pick(local.filter((p) => p.vmId !== src.vmId));
    const candidates: [IntendedClass, { ip: string; mac: string } | undefined][] = [
      ['intra-server', neighbour],
      ['inter-server-intra-domain', pick(sameDomainElsewhere)],
      ['inter-domain', pick(otherDomains)],
      ['external', EXTERNAL_END],
    ];
    for (const [intended, dst] of candidates) {
      if (dst) out.push({ intended, src, dst: { ip: dst.ip, mac: dst.mac }, frames, frameBytes: FRAME_BYTES[intended] });
    }
  }
  return out;
}
