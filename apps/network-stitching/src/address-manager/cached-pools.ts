import { ConcurrencyError, VorchError, type CommandMeta } from '#vorch/contracts';
import { deciderReducer, type EventStore, type LoadedAggregate, type Reducer } from '#vorch/eventstore';
import { AddressPool, addressPoolDecider, type AddressPoolCommand, type AddressPoolEvent, type AddressPoolState } from '#vorch/ipam-domain';

const AGGREGATE = 'pool';
const MAX_ATTEMPTS = 64;

const reducer: Reducer<AddressPoolState> = deciderReducer(addressPoolDecider);

/** A state read from a snapshot holds the pool as JSON; revive it once instead of on every decision. */
function live(state: AddressPoolState): AddressPoolState {
  return state.status === 'active' && !(state.pool instanceof AddressPool) ? { ...state, pool: AddressPool.revive(state.pool) } : state;
}

interface Hot extends LoadedAggregate<AddressPoolState> {
  handled: Set<string>;
}

/**
 * Pools kept in memory between commands. Replaying a pool with 20,000 allocations on every command would dominate
 * (handleCommand loads each time); here a pool is loaded once, then each command decides on the state in memory and
 * appends with the sequence it knows. Another replica's append makes ours fail with ConcurrencyError: we fold only
 * what it appended (catchUp) and decide again, exactly as handleCommand does, so nothing is ever decided on a
 * state the stream has moved past.
 */
export class CachedPools {
  private readonly hot = new Map<string, Hot>();

  constructor(private readonly store: EventStore) {}

  async execute(poolId: string, command: AddressPoolCommand, meta: CommandMeta): Promise<{ state: AddressPoolState; events: number }> {
    let loaded = this.hot.get(poolId) ?? (await this.load(poolId));
    let caughtUp = !this.hot.has(poolId);
    for (let attempt = 1; ; attempt++) {
      if (loaded.handled.has(meta.commandId)) return { state: loaded.state, events: 0 };
      let decided: AddressPoolEvent[];
      try {
        decided = addressPoolDecider.decide(command, loaded.state);
      } catch (err) {
        // A refusal on a state another replica may have changed (a release there) is checked once on fresh state.
        if (err instanceof VorchError && !caughtUp) {
          loaded = await this.catchUp(poolId, loaded);
          caughtUp = true;
          continue;
        }
        throw err;
      }
      if (decided.length === 0) return { state: loaded.state, events: 0 };
      try {
        const result = await this.store.append({
          aggregateType: AGGREGATE,
          aggregateId: poolId,
          expectedSeq: loaded.seq,
          expectedVersion: loaded.version,
          meta,
          events: decided.map((e) => ({ type: e.type, data: e.data })),
        });
        if (result.duplicate) {
          loaded = await this.catchUp(poolId, loaded);
          continue;
        }
        const state = result.events.reduce((s, e) => reducer.evolve(s, e), loaded.state);
        loaded.handled.add(meta.commandId);
        const next: Hot = { ...loaded, state, version: result.version, seq: result.seq };
        this.hot.set(poolId, next);
        return { state, events: decided.length };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw err;
        loaded = await this.catchUp(poolId, loaded);
        caughtUp = true;
      }
    }
  }

  /** The pool as the stream has it now (catching up on other replicas' appends first). */
  async current(poolId: string): Promise<AddressPoolState> {
    const cached = this.hot.get(poolId);
    return (cached ? await this.catchUp(poolId, cached) : await this.load(poolId)).state;
  }

  private async load(poolId: string): Promise<Hot> {
    const loaded = await this.store.load(AGGREGATE, poolId, reducer);
    const hot: Hot = { ...loaded, state: live(loaded.state), handled: new Set(loaded.handledCommands) };
    if (hot.state.status !== 'absent') this.hot.set(poolId, hot);
    return hot;
  }

  private async catchUp(poolId: string, loaded: Hot): Promise<Hot> {
    const next = await this.store.catchUp(AGGREGATE, poolId, reducer, { ...loaded, handledCommands: loaded.handled });
    const handled = loaded.handled;
    for (const id of next.handledCommands) handled.add(id);
    const hot: Hot = { ...next, state: live(next.state), handled };
    if (hot.state.status !== 'absent') this.hot.set(poolId, hot);
    return hot;
  }
}
