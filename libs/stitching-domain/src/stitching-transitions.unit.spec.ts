import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StitchingCommand } from './stitching.commands.js';
import type { StitchingEvent } from './stitching.events.js';
import { createBlue, drift, homeAndBerlinActive, networkCreated, play, repaired, siteState, tornDown, unreachable, validated } from './stitching.fixtures.js';

// Every outcome command against every state of a peer site (berlin, home paris active): the events it causes,
// nothing for a repeat, or STITCHING.ILLEGAL_TRANSITION.

const givenBerlin: Record<string, () => StitchingEvent[]> = {
  validating: () => play([createBlue, validated('paris'), networkCreated('paris')]),
  activating: () => play([createBlue, validated('paris'), networkCreated('paris'), validated('berlin')]),
  active: homeAndBerlinActive,
  degraded: () => play([unreachable('berlin')], homeAndBerlinActive()),
  'tearing-down': () => play([{ type: 'RemoveSite', site: 'berlin' }], homeAndBerlinActive()),
  'torn-down': () => play([{ type: 'RemoveSite', site: 'berlin' }, tornDown('berlin')], homeAndBerlinActive()),
  failed: () => play([createBlue, { type: 'RecordSiteRejected', site: 'berlin', reason: 'no VXLAN' }]),
};

const commands: Record<string, StitchingCommand> = {
  validated: validated('berlin'),
  rejected: { type: 'RecordSiteRejected', site: 'berlin', reason: 'no VXLAN' },
  'network created': networkCreated('berlin', 'berlin-other'),
  unreachable: unreachable('berlin'),
  'drift deleted': drift('berlin', 'deleted'),
  repaired: repaired('berlin', 'berlin-net-2'),
  'torn down': tornDown('berlin'),
};

const X = 'ILLEGAL';
// expected event types, [] for an idempotent repeat, X for an illegal transition
const matrix: Record<string, Record<string, string[] | typeof X>> = {
  validating: { validated: ['SiteValidated'], rejected: ['SiteRejected'], 'network created': X, unreachable: ['SiteUnreachable'], 'drift deleted': X, repaired: X, 'torn down': X },
  activating: { validated: [], rejected: X, 'network created': ['SiteNetworkCreated', 'SiteActivated'], unreachable: ['SiteUnreachable'], 'drift deleted': X, repaired: X, 'torn down': X },
  active: { validated: [], rejected: X, 'network created': X, unreachable: ['SiteUnreachable'], 'drift deleted': ['DriftDetected'], repaired: X, 'torn down': X },
  degraded: { validated: [], rejected: X, 'network created': X, unreachable: ['SiteUnreachable'], 'drift deleted': ['DriftDetected'], repaired: ['SiteRepaired', 'SiteActivated'], 'torn down': X },
  'tearing-down': { validated: X, rejected: X, 'network created': X, unreachable: ['SiteUnreachable'], 'drift deleted': X, repaired: X, 'torn down': ['SiteTornDown'] },
  'torn-down': { validated: X, rejected: X, 'network created': ['SiteNetworkCreated', 'SiteTeardownStarted'], unreachable: X, 'drift deleted': X, repaired: X, 'torn down': [] },
  failed: { validated: X, rejected: [], 'network created': X, unreachable: X, 'drift deleted': X, repaired: X, 'torn down': X },
};

describe('stitching transitions of a peer site', () => {
  for (const [state, row] of Object.entries(matrix)) {
    for (const [name, expected] of Object.entries(row)) {
      it(`${state} + ${name} → ${expected === X ? 'STITCHING.ILLEGAL_TRANSITION' : expected.length ? expected.join(', ') : 'nothing (repeat)'}`, () => {
        const given = givenBerlin[state]();
        assert.equal(siteState(given, 'berlin'), state, 'the given events lead to the state under test');
        if (expected === X) {
          assert.throws(
            () => play([commands[name]], given),
            (e: Error & { code: string; status: number; details: { state: string } }) => e.code === 'STITCHING.ILLEGAL_TRANSITION' && e.status === 409 && e.details.state === state,
          );
          return;
        }
        const decided = play([commands[name]], given).slice(given.length);
        assert.deepEqual(decided.map((e) => e.type), expected);
      });
    }
  }

  it('lands in the state each transition names', () => {
    const after = (state: string, name: string) => siteState(play([commands[name]], givenBerlin[state]()), 'berlin');
    assert.equal(after('validating', 'validated'), 'activating');
    assert.equal(after('validating', 'rejected'), 'failed');
    assert.equal(after('validating', 'unreachable'), 'validating');
    assert.equal(after('activating', 'network created'), 'active');
    assert.equal(after('activating', 'unreachable'), 'activating');
    assert.equal(after('active', 'unreachable'), 'degraded');
    assert.equal(after('active', 'drift deleted'), 'degraded');
    assert.equal(after('degraded', 'repaired'), 'active');
    assert.equal(after('tearing-down', 'torn down'), 'torn-down');
    assert.equal(after('tearing-down', 'unreachable'), 'tearing-down');
    assert.equal(after('torn-down', 'network created'), 'tearing-down');
  });

  it('answers 404 for a site the network does not reach and for a network that does not exist', () => {
    assert.throws(() => play([validated('tokyo')], play([createBlue])), { code: 'STITCHING.SITE_NOT_STRETCHED', status: 404 });
    assert.throws(() => play([validated('paris')]), { code: 'NOT_FOUND', status: 404 });
  });
});
