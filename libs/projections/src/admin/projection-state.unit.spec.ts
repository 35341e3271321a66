import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectionState } from './projection-state.js';

describe('projectionState', () => {
  it('is standby without the leader lock, running or stopped with it, rebuilding above all', () => {
    assert.equal(projectionState({ leads: false, stoppedAt: undefined, rebuilding: false }), 'standby');
    assert.equal(projectionState({ leads: true, stoppedAt: undefined, rebuilding: false }), 'running');
    assert.equal(projectionState({ leads: true, stoppedAt: 42, rebuilding: false }), 'stopped');
    assert.equal(projectionState({ leads: true, stoppedAt: 42, rebuilding: true }), 'rebuilding');
    // between accepting a rebuild and the reset, the lock may be in the middle of being taken
    assert.equal(projectionState({ leads: false, stoppedAt: undefined, rebuilding: true }), 'rebuilding');
  });
});
