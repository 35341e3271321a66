import assert from 'node:assert/strict';
import type { Decider } from '#vorch/contracts';

/** given(events).when(command).then(events) — or .thenThrows(code) — for unit tests of a decider. */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          return {
            then(expected: E[]) {
              assert.deepEqual(decider.decide(command, state), expected);
            },
            thenThrows(code: string) {
              assert.throws(() => decider.decide(command, state), (err: { code?: string }) => {
                assert.equal(err.code, code);
                return true;
              });
            },
          };
        },
      };
    },
  };
}
