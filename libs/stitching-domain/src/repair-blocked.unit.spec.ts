import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IllegalStitchingTransitionError } from './stitching.errors.js';
import { drift, homeAndBerlinActive, play, repaired, stateOf } from './stitching.fixtures.js';
import { siteNamed } from './stitched-network.state.js';

const blocked = { type: 'RecordRepairBlocked', site: 'berlin', reason: 'changed; 2 ports on it' } as const;
const berlin = (events: Parameters<typeof stateOf>[0]) => {
  const s = stateOf(events);
  return s.status === 'absent' ? undefined : siteNamed(s, 'berlin');
};

describe('a repair that cannot be done without harm', () => {
  it('given a changed site, when repair is blocked, then it stays degraded with the reason as its failure', () => {
    const events = play([drift('berlin', 'changed'), blocked], homeAndBerlinActive());
    assert.equal(events.at(-1)?.type, 'SiteRepairBlocked');
    assert.deepEqual([berlin(events)?.state, berlin(events)?.degradedReason, berlin(events)?.failure], ['degraded', 'drift-changed', blocked.reason]);
  });

  it('given a blocked repair, when the same reason is reported again, then nothing is recorded', () => {
    const before = play([drift('berlin', 'changed'), blocked], homeAndBerlinActive());
    assert.equal(play([blocked], before).length, before.length);
  });

  it('given a blocked repair, when the site is repaired later, then the reason is gone', () => {
    const events = play([drift('berlin', 'changed'), blocked, repaired('berlin')], homeAndBerlinActive());
    assert.deepEqual([berlin(events)?.state, berlin(events)?.failure], ['active', undefined]);
  });

  it('refuses a blocked repair for a site that is not degraded', () => {
    assert.throws(() => play([blocked], homeAndBerlinActive()), IllegalStitchingTransitionError);
  });
});
