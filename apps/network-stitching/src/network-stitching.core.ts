import type { NatsConnection } from '@nats-io/transport-node';
import { Bus, KvLease } from '#vorch/messaging';
import { IpamLedger } from './address-manager/ipam-ledger.js';
import { PoolWriter } from './address-manager/pool-writer.js';
import { AddressCommands } from './address-manager/address-commands.js';
import { homeNetworkOf } from './address-manager/home-network.js';
import { NetworkStore } from './stitching/network-store.js';
import { VimClient } from './stitching/vim-client.js';
import { StitchingActivities } from './stitching/stitching-activities.js';
import { NetworkTeardown } from './stitching/network-teardown.js';
import { StitchingLoop } from './stitching/stitching-loop.js';
import { NetworkCommands } from './stitching/network-commands.js';
import { PortCommands } from './stitching/port-commands.js';
import { PortRegistry } from './stitching/port-registry.js';
import { PortTeardown } from './stitching/port-teardown.js';
import type { NetworkStitchingConfig } from './network-stitching.config.js';
import { OrphanPortSweeper } from './stitching/orphan-port-sweeper.js';
import { OrphanAddresses } from './stitching/orphan-addresses.js';
import { OrphanSegments } from './stitching/orphan-segments.js';

const SERVICE_META = { commandId: 'network-stitching:segment-space:vxlan', tenantId: 'system', correlationId: 'start', actor: 'network-stitching' };

/**
 * The two bounded contexts of this service, wired once: the address manager (ledger of pools, MACs and segment
 * ids) and network stitching (networks, their per-site state machines, ports). The Nest module exposes it to the
 * bus handlers; tests can build it directly.
 */
export class NetworkStitchingCore {
  private constructor(
    readonly ledger: IpamLedger,
    readonly networkStore: NetworkStore,
    readonly loop: StitchingLoop,
    readonly networks: NetworkCommands,
    readonly ports: PortCommands,
    readonly addresses: AddressCommands,
    readonly orphanSweeper: OrphanPortSweeper,
  ) {}

  static async start(nc: NatsConnection, config: NetworkStitchingConfig): Promise<NetworkStitchingCore> {
    const bus = new Bus(nc);
    const ledger = await IpamLedger.open(nc);
    await ledger.ensureSegmentSpace('vxlan', config.vniRange.min, config.vniRange.max, SERVICE_META);
    const networkStore = await NetworkStore.open(nc, { retryPolicy: config.retryPolicy });
    const pools = new PoolWriter(ledger);
    const vim = new VimClient(bus, config.vimTimeoutMs);
    const portTeardown = new PortTeardown(new PortRegistry(networkStore.store), ledger, pools, vim);
    const loop = new StitchingLoop(networkStore, new StitchingActivities(vim, portTeardown), new NetworkTeardown(ledger, pools), { driftCheckMs: config.driftCheckMs });
    const networks = new NetworkCommands(networkStore, ledger, loop, bus, config.vniRange.min);
    const ports = new PortCommands(networkStore, ledger, pools, vim, portTeardown, (id) => loop.kick(id));
    const addresses = new AddressCommands(ledger, pools, vim, bus, homeNetworkOf(networkStore));
    await loop.start();
    // One replica sweeps, by the shared NATS KV lease (expiry by the server's clock; the core holds no DataSource for
    // the projections' advisory-lock leader).
    const sweep = config.orphanSweep ?? { intervalMs: 0, graceMs: 300000 };
    const orphanSweeper = new OrphanPortSweeper({
      networks: networkStore,
      registry: portTeardown.registry,
      vim,
      knownReservations: async (networkId) => new Set((await ledger.knownVimPortIds(networkId)).keys()),
      addresses: new OrphanAddresses(ledger, pools),
      segments: new OrphanSegments(ledger),
      leadership: await KvLease.open(nc, { key: 'network-stitching.orphan-port-sweep', ttlMs: Math.max(3 * sweep.intervalMs, 60000) }),
      timing: sweep,
    });
    orphanSweeper.start();
    return new NetworkStitchingCore(ledger, networkStore, loop, networks, ports, addresses, orphanSweeper);
  }

  async stop(): Promise<void> {
    await this.orphanSweeper.stop();
    await this.loop.stop();
  }
}
