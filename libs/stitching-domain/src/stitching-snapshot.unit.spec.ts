import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextActions } from './next-actions.js';
import type { StitchedNetworkState } from './stitched-network.state.js';
import type { StitchingCommand } from './stitching.commands.js';
import { stitchingDecider } from './stitching.decider.js';
import { drift, homeAndBerlinActive, networkCreated, NOW, play, repaired, stateOf, unreachable, validated } from './stitching.fixtures.js';

// The event store keeps snapshots as JSON.stringify(state): the state must come back from JSON deciding the same.

const outcome = (command: StitchingCommand, state: StitchedNetworkState) => {
  try {
    return stitchingDecider.decide(command, state);
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('stitching state as JSON', () => {
  it('decides and plans the same from a JSON round trip', () => {
    for (const events of [homeAndBerlinActive(), play([drift('paris', 'deleted')], homeAndBerlinActive()), play([{ type: 'DeleteStitchedNetwork' }], homeAndBerlinActive())]) {
      const state = stateOf(events);
      const restored = JSON.parse(JSON.stringify(state)) as StitchedNetworkState;
      assert.deepEqual(restored, state);
      for (const command of [validated('rome'), networkCreated('berlin', 'x'), unreachable('paris'), repaired('paris'), { type: 'RemoveSite', site: 'berlin' }] as StitchingCommand[]) {
        assert.deepEqual(outcome(command, restored), outcome(command, state));
      }
      assert.deepEqual(nextActions(restored, NOW), nextActions(state, NOW));
    }
  });
});
