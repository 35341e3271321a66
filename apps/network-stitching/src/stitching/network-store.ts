import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NETWORK_EVENTS, NotFoundError, type CommandMeta } from '#vorch/contracts';
import { deciderReducer, EventStore, handleCommand } from '#vorch/eventstore';
import {
  createStitchingDecider,
  DEFAULT_RETRY_POLICY,
  requestClaimDecider,
  type RequestClaimCommand,
  type RequestClaimState,
  type ExistingNetwork,
  type RetryPolicy,
  type StitchedNetworkState,
  type StitchingCommand,
} from '#vorch/stitching-domain';

const AGGREGATE = 'network';

/** What a creating command creates; its claims are the `<kind>-request` aggregates. */
export type ClaimKind = 'network' | 'port';

/**
 * The stitched networks in the EVT_STITCHING stream, one aggregate per network. The tenant of a network is the
 * tenant of the command that created it (first envelope), cached once read.
 */
export class NetworkStore {
  private readonly tenants = new Map<string, string>();
  private readonly decider;

  private constructor(
    private readonly nc: NatsConnection,
    readonly store: EventStore,
    private readonly subjectPrefix: string,
    policy: RetryPolicy,
  ) {
    this.decider = createStitchingDecider(policy);
  }

  static async open(nc: NatsConnection, opts: { stream?: string; subjectPrefix?: string; retryPolicy?: RetryPolicy } = {}): Promise<NetworkStore> {
    const subjectPrefix = opts.subjectPrefix ?? NETWORK_EVENTS.stitching.subjectPrefix;
    const stream = opts.stream ?? NETWORK_EVENTS.stitching.stream;
    const store = await EventStore.open(nc, { stream, subjectPrefix, snapshotBucket: `SNAP_${stream}`, snapshotEvery: 100 });
    return new NetworkStore(nc, store, subjectPrefix, opts.retryPolicy ?? DEFAULT_RETRY_POLICY);
  }

  execute(networkId: string, command: StitchingCommand, meta: CommandMeta) {
    return handleCommand(this.store, this.decider, { aggregateType: AGGREGATE, aggregateId: networkId, command, meta });
  }

  /**
   * The id a creating command is to give what it creates: `candidate` the first time, the id it was given before
   * when the same command comes again (see requestClaimDecider). `scope` is what the command acts on (the network a
   * port is created on), so one key sent to two networks is two requests. The aggregate id is a hash of scope and
   * command id (tenant-scoped at the gateway), which fits a subject token whatever the caller's key holds.
   */
  async claimId(kind: ClaimKind, scope: string, candidate: string, meta: CommandMeta): Promise<{ id: string; fulfilled: boolean }> {
    const { state } = await this.claim(kind, claimKey(scope, meta.commandId), { type: 'ClaimId', id: candidate }, meta);
    if (state.id === null) throw new Error(`${kind} id for command ${meta.commandId} not recorded`);
    return { id: state.id, fulfilled: state.fulfilled };
  }

  /** The first attempt of a creating command finished: a resent one answers from what it made. */
  async fulfilClaim(kind: ClaimKind, scope: string, meta: CommandMeta): Promise<void> {
    await this.claim(kind, claimKey(scope, meta.commandId), { type: 'RecordClaimFulfilled' }, { ...meta, commandId: `${meta.commandId}:fulfilled` });
  }

  /** What a command claimed before, without claiming anything. */
  async claimed(kind: ClaimKind, scope: string, meta: CommandMeta): Promise<RequestClaimState> {
    const { state } = await this.store.load(`${kind}-request`, claimKey(scope, meta.commandId), deciderReducer(requestClaimDecider));
    return state;
  }

  private claim(kind: ClaimKind, key: string, command: RequestClaimCommand, meta: CommandMeta) {
    return handleCommand(this.store, requestClaimDecider, { aggregateType: `${kind}-request`, aggregateId: key, command, meta });
  }

  async load(networkId: string): Promise<{ state: StitchedNetworkState; version: number }> {
    const { state, version } = await this.store.load(AGGREGATE, networkId, deciderReducer(this.decider));
    return { state, version };
  }

  /** The network as its tenant sees it; another tenant's network is "not found", exactly like a missing one. */
  async loadFor(networkId: string, tenantId: string): Promise<{ state: ExistingNetwork; version: number }> {
    const loaded = await this.load(networkId);
    if (loaded.state.status === 'absent' || (await this.tenantOf(networkId)) !== tenantId) throw new NotFoundError('Network', networkId);
    return { state: loaded.state, version: loaded.version };
  }

  async tenantOf(networkId: string): Promise<string | undefined> {
    const cached = this.tenants.get(networkId);
    if (cached) return cached;
    for await (const { commit } of this.store.readAggregate(AGGREGATE, networkId)) {
      const tenant = commit.events[0]?.tenantId;
      if (tenant) this.tenants.set(networkId, tenant);
      return tenant;
    }
    return undefined;
  }

  /** Every network ever created, from the stream's subjects (no read model needed to resume work on start). */
  async networkIds(): Promise<string[]> {
    const jsm = await jetstreamManager(this.nc);
    const prefix = `${this.subjectPrefix}.${AGGREGATE}.`;
    const info = await jsm.streams.info(this.store.config.stream, { subjects_filter: `${prefix}*` });
    return Object.keys(info.state.subjects ?? {}).map((s) => s.slice(prefix.length));
  }
}

const claimKey = (scope: string, commandId: string): string => createHash('sha256').update(`${scope}\n${commandId}`).digest('hex').slice(0, 32);
