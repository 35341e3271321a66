/**
 * The shape of every aggregate's pure logic (structurally the same as the event store's Decider, which this
 * library may not import): decide turns a command into events or throws a VorchError, evolve folds an event in.
 */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface Decider<C, E extends DomainEvent, S> {
  initialState: S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}
