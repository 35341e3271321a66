import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, type CommandMeta, type EventEnvelope } from '#vorch/contracts';
import type { Decider, DomainEvent, HandleCommandResult } from './decider.js';
import type { EventStore } from './event-store.js';
import { commandRetriesTotal } from './eventstore.metrics.js';
import type { Reducer } from './reducer.js';
import { retryDelayMs } from './retry-delay.js';

export const DEFAULT_MAX_ATTEMPTS = 16;

export interface HandleCommandInput<C> {
  aggregateType: string;
  aggregateId: string;
  command: C;
  meta: CommandMeta;
  /** Loads allowed before the last ConcurrencyError is thrown to the caller (default 16). */
  maxAttempts?: number;
}

/** The decider seen as a reducer, for store.load: evolve receives envelopes, which are structurally the decider's events. */
export function deciderReducer<C, E extends DomainEvent, S>(decider: Decider<C, E, S>): Reducer<S> {
  return {
    get initialState() {
      return decider.initialState();
    },
    evolve: (state, event) => decider.evolve(state, event as unknown as E),
    snapshotSchema: decider.snapshotSchema,
  };
}

/**
 * load → decide → append, and on ConcurrencyError reload and decide again (bounded, with jittered backoff).
 * A command id the aggregate already holds returns duplicate: true with no new events, however long ago it ran.
 */
export async function handleCommand<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  input: HandleCommandInput<C>,
): Promise<HandleCommandResult<S>> {
  const { aggregateType, aggregateId, meta } = input;
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const reducer = deciderReducer(decider);
  // 1. load (snapshot + replay)
  let loaded = await store.load(aggregateType, aggregateId, reducer);
  for (let attempt = 1; ; attempt++) {
    const unchanged = { version: loaded.version, seq: loaded.seq, state: loaded.state, attempts: attempt };
    if (loaded.handledCommands.has(meta.commandId)) return { events: [], duplicate: true, ...unchanged };
    // 2. decide (pure; a rejection throws its VorchError straight to the caller)
    const decided = decider.decide(input.command, loaded.state);
    if (decided.length === 0) return { events: [], duplicate: false, ...unchanged };
    // 3. append against the sequence we decided on
    try {
      const result = await store.append({
        aggregateType,
        aggregateId,
        expectedSeq: loaded.seq,
        expectedVersion: loaded.version,
        meta,
        events: decided.map((e) => ({ type: e.type, data: e.data, schemaVersion: (e as { schemaVersion?: number }).schemaVersion })),
      });
      if (!result.duplicate || attempt >= maxAttempts) {
        const state = result.events.reduce((s: S, e: EventEnvelope) => decider.evolve(s, e as unknown as E), loaded.state);
        return { events: result.duplicate ? [] : result.events, version: result.version, seq: result.seq, state, duplicate: result.duplicate, attempts: attempt };
      }
      // A twin of this command got in first (same id, inside the server's window): catching up shows it as handled.
    } catch (err) {
      // 4. someone else appended first: their events may change the decision, so decide again on the new state
      if (!(err instanceof ConcurrencyError) || attempt >= maxAttempts) throw err;
      commandRetriesTotal.inc({ aggregate_type: aggregateType });
      await sleep(retryDelayMs(attempt));
    }
    loaded = await store.catchUp(aggregateType, aggregateId, reducer, loaded);
  }
}
