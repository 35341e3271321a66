import type { EventEnvelope } from '#vorch/contracts';

/** Events as deciders see them; an EventEnvelope is structurally one (evolve receives envelopes on load). */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/** The one Decider shape (initialState as a factory), shared with the pure domain libraries. */
export type { Decider } from '#vorch/contracts';

export interface HandleCommandResult<S> {
  /** The events this call appended; empty for a duplicate or a command that decided nothing. */
  events: EventEnvelope[];
  version: number;
  /** Stream sequence of the aggregate's last commit: wait for it to read your own write in a projection. */
  seq: number;
  state: S;
  duplicate: boolean;
  /** Loads it took (1 + retries after a ConcurrencyError or a concurrent duplicate). */
  attempts: number;
}
