import { ConcurrencyError, VorchError, type CommandMeta, type Decider } from '#vorch/contracts';
import { deciderReducer, type DomainEvent, type EventStore, type LoadedAggregate, type Reducer } from '#vorch/eventstore';

const MAX_ATTEMPTS = 64;

interface Hot<S> extends LoadedAggregate<S> {
  handled: Set<string>;
}

export interface HotAggregateOptions<S> {
  aggregateType: string;
  /** A state read from a snapshot holds trees as JSON: revive it once instead of on every decision. */
  live: (state: S) => S;
  /** Nothing to keep in memory yet (the aggregate does not exist). */
  absent: (state: S) => boolean;
}

/**
 * Aggregates kept in memory between commands (the address pools, the MAC registry): replaying a pool with 20,000
 * allocations on every command would dominate (handleCommand loads each time). An aggregate is loaded once, then
 * each command decides on the state in memory and appends with the sequence it knows. Another replica's append
 * makes ours fail with ConcurrencyError: we fold only what it appended (catchUp) and decide again, exactly as
 * handleCommand does, so nothing is ever decided on a state the stream has moved past.
 */
export class HotAggregates<C, E extends DomainEvent, S> {
  private readonly hot = new Map<string, Hot<S>>();
  private readonly reducer: Reducer<S>;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<C, E, S>,
    private readonly o: HotAggregateOptions<S>,
  ) {
    this.reducer = deciderReducer(decider);
  }

  async execute(id: string, command: C, meta: CommandMeta): Promise<{ state: S; events: number }> {
    let loaded = this.hot.get(id) ?? (await this.load(id));
    let caughtUp = !this.hot.has(id);
    for (let attempt = 1; ; attempt++) {
      if (loaded.handled.has(meta.commandId)) return { state: loaded.state, events: 0 };
      let decided: E[];
      try {
        decided = this.decider.decide(command, loaded.state);
      } catch (err) {
        // A refusal on a state another replica may have changed (a release there) is checked once on fresh state.
        if (err instanceof VorchError && !caughtUp) {
          loaded = await this.catchUp(id, loaded);
          caughtUp = true;
          continue;
        }
        throw err;
      }
      if (decided.length === 0) return { state: loaded.state, events: 0 };
      try {
        const result = await this.store.append({
          aggregateType: this.o.aggregateType,
          aggregateId: id,
          expectedSeq: loaded.seq,
          expectedVersion: loaded.version,
          meta,
          events: decided.map((e) => ({ type: e.type, data: e.data })),
        });
        if (result.duplicate) {
          loaded = await this.catchUp(id, loaded);
          continue;
        }
        const state = result.events.reduce((s, e) => this.reducer.evolve(s, e), loaded.state);
        loaded.handled.add(meta.commandId);
        this.hot.set(id, { ...loaded, state, version: result.version, seq: result.seq });
        return { state, events: decided.length };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw err;
        loaded = await this.catchUp(id, loaded);
        caughtUp = true;
      }
    }
  }

  /** The aggregate as the stream has it now (catching up on other replicas' appends first). */
  async current(id: string): Promise<S> {
    const cached = this.hot.get(id);
    return (cached ? await this.catchUp(id, cached) : await this.load(id)).state;
  }

  private async load(id: string): Promise<Hot<S>> {
    const loaded = await this.store.load(this.o.aggregateType, id, this.reducer);
    const hot: Hot<S> = { ...loaded, state: this.o.live(loaded.state), handled: new Set(loaded.handledCommands) };
    if (!this.o.absent(hot.state)) this.hot.set(id, hot);
    return hot;
  }

  private async catchUp(id: string, loaded: Hot<S>): Promise<Hot<S>> {
    const next = await this.store.catchUp(this.o.aggregateType, id, this.reducer, { ...loaded, handledCommands: loaded.handled });
    const handled = loaded.handled;
    for (const c of next.handledCommands) handled.add(c);
    const hot: Hot<S> = { ...next, state: this.o.live(next.state), handled };
    if (!this.o.absent(hot.state)) this.hot.set(id, hot);
    return hot;
  }
}
