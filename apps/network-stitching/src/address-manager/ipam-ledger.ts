import type { NatsConnection } from '@nats-io/transport-node';
import { ConflictError, NETWORK_EVENTS, type CommandMeta } from '#vorch/contracts';
import { deciderReducer, EventStore, handleCommand } from '#vorch/eventstore';
import { CachedPools } from './cached-pools.js';
import { HotAggregates } from './hot-aggregates.js';
import { poolIdOf } from './pool-ids.js';
import {
  AddressPool,
  AllocationTable,
  macRegistryDecider,
  segmentAllocatorDecider,
  type AddressPoolCommand,
  type AddressPoolState,
  type AllocationTableJson,
  type MacHolder,
  type MacRegistryCommand,
  type MacRegistryEvent,
  type MacRegistryState,
  type SegmentAllocatorCommand,
  type SegmentationType,
} from '#vorch/ipam-domain';

/** The federation's MAC registry is one aggregate; segment ids one per segmentation type. */
const MAC_REGISTRY_ID = 'federation';

/**
 * The address manager's event-sourced ledger: address pools, the MAC registry and the segment allocators, all in
 * the EVT_IPAM stream. Pools and the MAC registry stay in memory between commands (HotAggregates); segment
 * allocators go through handleCommand. Both reload and decide again after another replica's append.
 */
export class IpamLedger {
  private readonly pools: CachedPools;
  /** MAC registry commands of this process, one after the other: one aggregate for the federation, so parallel
   * appends from here would only race each other on its sequence. Other replicas still race; HotAggregates retries. */
  private macQueue: Promise<unknown> = Promise.resolve();

  /** Every port ever addressed has a MAC in it: kept in memory like the pools, not replayed per command. */
  private readonly macRegistry: HotAggregates<MacRegistryCommand, MacRegistryEvent, MacRegistryState>;

  private constructor(readonly store: EventStore) {
    this.pools = new CachedPools(store);
    this.macRegistry = new HotAggregates(store, macRegistryDecider, { aggregateType: 'mac-registry', live: liveMacRegistry, absent: () => false });
  }

  static async open(nc: NatsConnection, opts: { stream?: string; subjectPrefix?: string; snapshotBucket?: string } = {}): Promise<IpamLedger> {
    const stream = opts.stream ?? NETWORK_EVENTS.ipam.stream;
    const store = await EventStore.open(nc, {
      stream,
      subjectPrefix: opts.subjectPrefix ?? NETWORK_EVENTS.ipam.subjectPrefix,
      snapshotBucket: opts.snapshotBucket ?? `SNAP_${stream}`,
      snapshotEvery: 200,
    });
    return new IpamLedger(store);
  }

  /** Pools are hot aggregates (every allocation is a command on one): kept in memory, see CachedPools. */
  pool(poolId: string, command: AddressPoolCommand, meta: CommandMeta) {
    return this.pools.execute(poolId, command, meta);
  }

  loadPool(poolId: string): Promise<AddressPoolState> {
    return this.pools.current(poolId);
  }

  macs(command: MacRegistryCommand, meta: CommandMeta): Promise<{ state: MacRegistryState; events: number }> {
    const run = this.macQueue.then(() => this.macRegistry.execute(MAC_REGISTRY_ID, command, meta));
    this.macQueue = run.catch(() => undefined);
    return run;
  }

  loadMacRegistry(): Promise<MacRegistryState> {
    return this.macRegistry.current(MAC_REGISTRY_ID);
  }

  /**
   * The home-VIM port ids this ledger holds for a network's pools: the reservation ports of the address manager's
   * direct allocations (named `vorch-alloc-<allocationId>` on the home VIM), mapped to their allocation id. A
   * sweeper of orphan `vorch-*` ports keeps these (stitched ports' reservations are in the port registry).
   */
  async knownVimPortIds(networkId: string): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    for (const family of [4, 6] as const) {
      const pool = poolOf(await this.loadPool(poolIdOf(networkId, family)));
      for (const a of pool?.allocations() ?? []) if (a.reservation) known.set(a.reservation.vimPortId, a.reservation.allocationId);
    }
    return known;
  }

  segments(type: SegmentationType, command: SegmentAllocatorCommand, meta: CommandMeta) {
    return handleCommand(this.store, segmentAllocatorDecider, { aggregateType: 'segments', aggregateId: type, command, meta, maxAttempts: 64 });
  }

  /** The segment id a network holds now, if any. */
  async segmentOf(type: SegmentationType, networkId: string): Promise<number | undefined> {
    const held = (await this.segmentTable(type))?.allocationOf(networkId);
    return held === undefined ? undefined : Number(held.value);
  }

  /** How many segment ids of a type are held (by live networks and by networks still being deleted). */
  async segmentsHeld(type: SegmentationType): Promise<number> {
    return (await this.segmentTable(type))?.allocationCount ?? 0;
  }

  /** The network ids holding a segment id of a type. */
  async segmentHolders(type: SegmentationType): Promise<string[]> {
    return [...((await this.segmentTable(type))?.allocations() ?? [])].map((a) => a.owner);
  }

  private async segmentTable(type: SegmentationType): Promise<AllocationTable<null> | undefined> {
    const { state } = await this.store.load('segments', type, deciderReducer(segmentAllocatorDecider));
    if (state.status !== 'open') return undefined;
    return AllocationTable.revive<null>(state.table as AllocationTable<null> | AllocationTableJson<null>);
  }

  /** Opens the id space once; every replica may try at start, the first one wins. */
  async ensureSegmentSpace(type: SegmentationType, min: number, max: number, meta: CommandMeta): Promise<void> {
    try {
      await this.segments(type, { type: 'CreateSegmentSpace', segmentationType: type, min, max }, meta);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }

  /** The network's segment id: allocated now, or the one it already holds (a retried creation gets the same). */
  async allocateSegment(type: SegmentationType, networkId: string, meta: CommandMeta): Promise<number> {
    const r = await this.segments(type, { type: 'AllocateSegment', networkId }, meta);
    const state = r.state;
    if (state.status !== 'open') throw new Error('segment space vanished');
    const held = AllocationTable.revive<null>(state.table as AllocationTable<null> | AllocationTableJson<null>).allocationOf(networkId);
    if (!held) throw new Error(`segment for ${networkId} not recorded`);
    return Number(held.value);
  }
}

/** A registry read from a snapshot holds its table as JSON: revived once, not on every decision. */
function liveMacRegistry(state: MacRegistryState): MacRegistryState {
  return state.table instanceof AllocationTable ? state : { ...state, table: AllocationTable.revive(state.table as unknown as AllocationTableJson<MacHolder>) };
}

/** A pool state's AddressPool, revived when it came from a snapshot (plain JSON). */
export function poolOf(state: AddressPoolState): AddressPool | undefined {
  if (state.status !== 'active') return undefined;
  return state.pool instanceof AddressPool ? state.pool : AddressPool.revive(state.pool);
}
