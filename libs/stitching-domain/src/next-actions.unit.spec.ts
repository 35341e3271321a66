import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextActions, nextWakeUp, type StitchingAction } from './next-actions.js';
import { describeForPeer } from './peer-description.js';
import type { ExistingNetwork } from './stitched-network.state.js';
import { createBlue, drift, homeAndBerlinActive, networkCreated, NOW, play, stateOf, tornDown, unreachable, validated } from './stitching.fixtures.js';

const kinds = (actions: StitchingAction[]) => actions.map((a) => `${a.kind}(${a.site})`);
const existing = (events: ReturnType<typeof play>) => stateOf(events) as ExistingNetwork;

describe('nextActions', () => {
  it('validates every site first', () => {
    assert.deepEqual(kinds(nextActions(stateOf(play([createBlue])), NOW)), ['validate-site(paris)', 'validate-site(berlin)', 'validate-site(rome)']);
  });

  it('creates the home network first and holds peers back until it is active', () => {
    const validatedAll = play([createBlue, validated('paris'), validated('berlin'), validated('rome')]);
    assert.deepEqual(kinds(nextActions(stateOf(validatedAll), NOW)), ['create-home-network(paris)']);
    const homeUp = play([networkCreated('paris')], validatedAll);
    const actions = nextActions(stateOf(homeUp), NOW);
    assert.deepEqual(kinds(actions), ['create-peer-network(berlin)', 'create-peer-network(rome)']);
    const berlin = actions[0] as Extract<StitchingAction, { kind: 'create-peer-network' }>;
    assert.deepEqual(berlin.description.home, { site: 'paris', vimNetworkId: 'paris-net' });
    assert.equal(berlin.description.identity.segmentation.id, 5001);
  });

  it('waits for a retry\'s time, then offers the same step again', () => {
    const events = play([createBlue, validated('paris'), unreachable('paris', NOW)]);
    const state = stateOf(events);
    const wake = nextWakeUp(state, NOW)!;
    assert.ok(Date.parse(wake) > Date.parse(NOW));
    assert.ok(!kinds(nextActions(state, NOW)).includes('create-home-network(paris)'));
    assert.ok(kinds(nextActions(state, wake)).includes('create-home-network(paris)'));
    assert.equal(nextWakeUp(state, wake), undefined);
  });

  it('checks an unreachable site, repairs a drifted one, and leaves orphaned peers to the home repair', () => {
    const unreachableHome = play([unreachable('paris')], homeAndBerlinActive());
    const later = nextWakeUp(stateOf(unreachableHome), NOW)!;
    assert.deepEqual(kinds(nextActions(stateOf(unreachableHome), later)), ['check-site(paris)', 'validate-site(rome)']);
    const homeDeleted = play([drift('paris', 'deleted')], homeAndBerlinActive());
    assert.deepEqual(kinds(nextActions(stateOf(homeDeleted), NOW)), ['repair-home-network(paris)', 'validate-site(rome)']);
    const peerChanged = play([drift('berlin', 'changed')], homeAndBerlinActive());
    const [repair] = nextActions(stateOf(peerChanged), NOW);
    assert.equal(repair.kind, 'repair-peer-network');
    assert.equal(repair.kind === 'repair-peer-network' && repair.vimNetworkId, 'berlin-net');
  });

  it('deletes peers before the home network they depend on', () => {
    const deleting = play([{ type: 'DeleteStitchedNetwork' }], homeAndBerlinActive());
    assert.deepEqual(kinds(nextActions(stateOf(deleting), NOW)), ['delete-site-network(berlin)']);
    const peersGone = play([tornDown('berlin')], deleting);
    assert.deepEqual(kinds(nextActions(stateOf(peersGone), NOW)), ['delete-site-network(paris)']);
    assert.deepEqual(nextActions(stateOf(play([tornDown('paris')], peersGone)), NOW), []);
  });
});

describe('describeForPeer', () => {
  it('refuses to describe the network before the home network is active', () => {
    assert.throws(() => describeForPeer(existing(play([createBlue])), 'berlin'), { code: 'STITCHING.PEER_NOT_READY', status: 409 });
    assert.throws(() => describeForPeer(existing(play([createBlue])), 'tokyo'), { code: 'STITCHING.SITE_NOT_STRETCHED' });
  });

  it('names the home network and every other connected peer', () => {
    const description = describeForPeer(existing(homeAndBerlinActive()), 'rome');
    assert.deepEqual(description.home, { site: 'paris', vimNetworkId: 'paris-net' });
    assert.deepEqual(description.connectedPeers, [{ site: 'berlin', vimNetworkId: 'berlin-net' }]);
    assert.deepEqual(description.identity.routeTargets.import, ['target:64512:5001']);
    assert.equal(description.identity.mtu, 1450);
  });
});
