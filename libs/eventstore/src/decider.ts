import type { EventEnvelope } from '#vorch/contracts';

/** Events as deciders see them; an EventEnvelope is structurally one (evolve receives envelopes on load). */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface Decider<C, E extends DomainEvent, S> {
  initialState: S;
  /** Throws VorchError subclasses for rejected commands. */
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  /** See Reducer.snapshotSchema. */
  snapshotSchema?: string;
}

/** The same decider written with a factory for the initial state (the shape #vorch/contracts' Decider has). */
export interface FactoryDecider<C, E extends DomainEvent, S> {
  initialState(): S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  snapshotSchema?: string;
}

export interface HandleCommandResult<S> {
  /** The events this call appended; empty for a duplicate or a command that decided nothing. */
  events: EventEnvelope[];
  version: number;
  state: S;
  duplicate: boolean;
  /** Loads it took (1 + retries after a ConcurrencyError or a concurrent duplicate). */
  attempts: number;
}
