/**
 * The shape every aggregate's pure domain logic takes (see the architecture guide):
 * `decide` turns a command and the current state into the events it causes (or throws a VorchError),
 * `evolve` folds one event into the state, and `initialState` is the state before the first event.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  /**
   * Names the shape of State for snapshots: change it when State's shape changes, and snapshots of the old
   * shape are ignored instead of being loaded into the new code.
   */
  snapshotSchema?: string;
}

/** Rebuilds a state from its events; the same fold the event store runs when it loads an aggregate. */
export function foldEvents<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State {
  return events.reduce((state, event) => decider.evolve(state, event), from);
}

/**
 * Given/when/then for decider unit tests: `given(events).when(command)` returns the decided events (a throw
 * propagates, so tests can `assert.throws` on it), and `.state()` the state the given events lead to.
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[]) {
      const state = foldEvents(decider, events);
      return {
        state: (): State => state,
        when: (command: Command): Event[] => decider.decide(command, state),
      };
    },
  };
}
