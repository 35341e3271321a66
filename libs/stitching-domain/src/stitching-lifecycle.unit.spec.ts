import { describe, it } from 'node:test';
import { siteNamed } from './stitched-network.state.js';
import assert from 'node:assert/strict';
import type { StitchingEvent } from './stitching.events.js';
import { createBlue, drift, homeAndBerlinActive, networkCreated, NOW, play, repaired, siteState, stateOf, tornDown, unreachable, validated } from './stitching.fixtures.js';

const types = (events: StitchingEvent[]) => events.map((e) => `${e.type}${'site' in e.data ? `(${e.data.site})` : ''}`);
const after = (given: StitchingEvent[], more: StitchingEvent[]) => more.slice(given.length);

describe('creating a stretched network', () => {
  it('describes the identity and starts every site validating, home first', () => {
    const events = play([createBlue]);
    assert.deepEqual(types(events), ['StitchedNetworkCreated', 'SiteStitchingStarted(paris)', 'SiteStitchingStarted(berlin)', 'SiteStitchingStarted(rome)']);
    const identity = (events[0] as Extract<StitchingEvent, { type: 'StitchedNetworkCreated' }>).data.identity;
    assert.deepEqual(identity.routeTargets, { import: ['target:64512:5001'], export: ['target:64512:5001'] });
    assert.deepEqual(identity.subnets.map((s) => s.gateway), ['10.20.0.1', 'fd00:20::1']);
    assert.equal(siteState(events, 'rome'), 'validating');
  });

  it('refuses bad input: home in stretchTo, a site twice, a bad CIDR, a v4/v6 mix-up', () => {
    assert.throws(() => play([{ ...createBlue, stretchTo: ['paris'] }]), { code: 'VALIDATION' });
    assert.throws(() => play([{ ...createBlue, stretchTo: ['rome', 'rome'] }]), { code: 'VALIDATION' });
    assert.throws(() => play([{ ...createBlue, subnets: [{ cidr: '10.20.0.0/33' }] }]), { code: 'CIDR.INVALID' });
    assert.throws(() => play([{ ...createBlue, subnets: [{ cidr: '10.20.0.0/24', gateway: 'fd00::1' }] }]), { code: 'ADDRESS.FAMILY_MISMATCH' });
  });

  it('refuses to create the same network twice', () => {
    assert.throws(() => play([createBlue, createBlue]), { code: 'NETWORK.EXISTS', status: 409 });
  });
});

describe('activation: never active before the network it connects to exists', () => {
  it('keeps a peer activating when its network exists but the home network does not yet', () => {
    const given = play([createBlue, validated('berlin')]);
    const events = play([networkCreated('berlin')], given);
    assert.deepEqual(types(after(given, events)), ['SiteNetworkCreated(berlin)']);
    assert.equal(siteState(events, 'berlin'), 'activating');
    // the home network appears: home and the waiting peer become active together
    const more = play([validated('paris'), networkCreated('paris')], events);
    assert.deepEqual(types(after(events, more)), ['SiteValidated(paris)', 'SiteNetworkCreated(paris)', 'SiteActivated(paris)', 'SiteActivated(berlin)']);
  });

  it('activates the home site as soon as its network exists', () => {
    const events = play([createBlue, validated('paris'), networkCreated('paris')]);
    assert.equal(siteState(events, 'paris'), 'active');
    assert.equal(siteState(events, 'berlin'), 'validating');
  });
});

describe('drift and repair', () => {
  it('degrades every active peer when the home network is deleted behind Vorch\'s back, and brings them back with it', () => {
    const given = homeAndBerlinActive();
    const drifted = play([drift('paris', 'deleted')], given);
    assert.deepEqual(types(after(given, drifted)), ['DriftDetected(paris)', 'SiteDegraded(berlin)']);
    const state = stateOf(drifted);
    assert.ok(state.status === 'live');
    assert.equal(siteNamed(state, 'paris')?.vimNetworkId, undefined);
    assert.equal(siteNamed(state, 'berlin')?.degradedReason, 'peer-missing');
    const back = play([repaired('paris')], drifted);
    assert.deepEqual(types(after(drifted, back)), ['SiteRepaired(paris)', 'SiteActivated(paris)', 'SiteActivated(berlin)']);
  });

  it('degrades only the drifted site when a peer changes, and ignores the same drift reported twice', () => {
    const given = homeAndBerlinActive();
    const drifted = play([drift('berlin', 'changed')], given);
    assert.equal(siteState(drifted, 'berlin'), 'degraded');
    assert.equal(siteState(drifted, 'paris'), 'active');
    assert.deepEqual(after(drifted, play([drift('berlin', 'changed')], drifted)), []);
    const state = stateOf(drifted);
    assert.ok(state.status === 'live' && siteNamed(state, 'berlin')?.vimNetworkId === 'berlin-net', 'a changed network keeps its id');
  });

  it('leaves a repaired peer activating while the home network is still missing', () => {
    const given = play([drift('paris', 'deleted'), drift('berlin', 'deleted')], homeAndBerlinActive());
    const events = play([repaired('berlin')], given);
    assert.deepEqual(types(after(given, events)), ['SiteRepaired(berlin)']);
    assert.equal(siteState(events, 'berlin'), 'activating');
    const more = play([repaired('paris')], events);
    assert.equal(siteState(more, 'berlin'), 'active');
  });

  it('treats a repair report for an active site with the same network as a repeat', () => {
    const events = play([drift('berlin', 'deleted'), repaired('berlin', 'b2')], homeAndBerlinActive());
    assert.deepEqual(after(events, play([repaired('berlin', 'b2')], events)), []);
  });
});

describe('unreachable sites: retries with backoff, as data', () => {
  it('schedules each attempt later than the one before, from the clock passed in', () => {
    const given = play([createBlue, validated('paris')]);
    const first = play([unreachable('paris', NOW)], given);
    const second = play([unreachable('paris', NOW)], first);
    const third = play([unreachable('paris', NOW)], second);
    const retries = after(given, third).map((e) => (e as Extract<StitchingEvent, { type: 'SiteUnreachable' }>).data);
    assert.deepEqual(retries.map((r) => r.attempt), [1, 2, 3]);
    const delays = retries.map((r) => Date.parse(r.nextAttemptAt) - Date.parse(NOW));
    assert.ok(delays[0] > 800 && delays[0] <= 1_000, `${delays}`);
    assert.ok(delays[1] > 1_600 && delays[1] <= 2_000, `${delays}`);
    assert.ok(delays[2] > 3_200 && delays[2] <= 4_000, `${delays}`);
    assert.equal(siteState(third, 'paris'), 'activating');
  });

  it('starts counting again after progress', () => {
    const events = play([createBlue, unreachable('paris'), unreachable('paris'), validated('paris'), unreachable('paris')]);
    const last = events.at(-1) as Extract<StitchingEvent, { type: 'SiteUnreachable' }>;
    assert.equal(last.data.attempt, 1);
  });

  it('degrades an active site that stops answering, without touching its peers', () => {
    const events = play([unreachable('paris')], homeAndBerlinActive());
    const state = stateOf(events);
    assert.ok(state.status === 'live');
    assert.equal(siteNamed(state, 'paris')?.degradedReason, 'unreachable');
    assert.equal(siteState(events, 'berlin'), 'active');
  });
});

describe('adding and removing sites', () => {
  it('adds a site, which starts validating; refuses a site already there', () => {
    const given = homeAndBerlinActive();
    assert.deepEqual(types(after(given, play([{ type: 'AddSite', site: 'tokyo' }], given))), ['SiteStitchingStarted(tokyo)']);
    assert.throws(() => play([{ type: 'AddSite', site: 'berlin' }], given), { code: 'STITCHING.SITE_ALREADY_STRETCHED', status: 409 });
  });

  it('tears a site down, and lets it come back later from validation', () => {
    const removed = play([{ type: 'RemoveSite', site: 'berlin' }, tornDown('berlin')], homeAndBerlinActive());
    assert.equal(siteState(removed, 'berlin'), 'torn-down');
    const back = play([{ type: 'AddSite', site: 'berlin' }], removed);
    assert.equal(siteState(back, 'berlin'), 'validating');
  });

  it('tears down at once a site whose network was never created, and repeats nothing', () => {
    const given = homeAndBerlinActive();
    const events = play([{ type: 'RemoveSite', site: 'rome' }], given);
    assert.deepEqual(types(after(given, events)), ['SiteTeardownStarted(rome)', 'SiteTornDown(rome)']);
    assert.deepEqual(after(events, play([{ type: 'RemoveSite', site: 'rome' }], events)), []);
  });

  it('refuses to remove the home site or a site the network does not reach', () => {
    assert.throws(() => play([{ type: 'RemoveSite', site: 'paris' }], homeAndBerlinActive()), { code: 'STITCHING.HOME_SITE', status: 409 });
    assert.throws(() => play([{ type: 'RemoveSite', site: 'tokyo' }], homeAndBerlinActive()), { code: 'STITCHING.SITE_NOT_STRETCHED', status: 404 });
  });

  it('records a network whose creation finished after the removal began, so that it is deleted too', () => {
    const given = play([createBlue, validated('paris'), networkCreated('paris'), validated('berlin')]);
    const removing = play([{ type: 'RemoveSite', site: 'berlin' }], given);
    assert.equal(siteState(removing, 'berlin'), 'torn-down');
    const late = play([networkCreated('berlin', 'late-net')], removing);
    assert.equal(siteState(late, 'berlin'), 'tearing-down');
    const state = stateOf(late);
    assert.ok(state.status === 'live' && siteNamed(state, 'berlin')?.vimNetworkId === 'late-net');
  });
});

describe('deleting a stretched network', () => {
  it('tears every site down and, once all are gone, releases the segmentation id', () => {
    const given = homeAndBerlinActive();
    const deleting = play([{ type: 'DeleteStitchedNetwork' }], given);
    assert.deepEqual(types(after(given, deleting)), [
      'NetworkDeletionStarted',
      'SiteTeardownStarted(paris)',
      'SiteTeardownStarted(berlin)',
      'SiteTeardownStarted(rome)',
      'SiteTornDown(rome)',
    ]);
    const peerGone = play([tornDown('berlin')], deleting);
    assert.deepEqual(types(after(deleting, peerGone)), ['SiteTornDown(berlin)']);
    const done = play([tornDown('paris')], peerGone);
    assert.deepEqual(after(peerGone, done), [
      { type: 'SiteTornDown', data: { site: 'paris' } },
      { type: 'StitchedNetworkDeleted', data: { networkId: 'net-blue', segmentation: { type: 'vxlan', id: 5001 } } },
    ]);
    assert.equal(stateOf(done).status, 'deleted');
  });

  it('finishes at once when no site has a network yet', () => {
    const events = play([createBlue, { type: 'DeleteStitchedNetwork' }]);
    assert.equal(events.at(-1)?.type, 'StitchedNetworkDeleted');
  });

  it('refuses changes while deleting, repeats nothing, and names the orphan of a late creation', () => {
    const deleting = play([{ type: 'DeleteStitchedNetwork' }], homeAndBerlinActive());
    assert.throws(() => play([{ type: 'AddSite', site: 'tokyo' }], deleting), { code: 'NETWORK.DELETING', status: 409 });
    assert.deepEqual(after(deleting, play([{ type: 'DeleteStitchedNetwork' }], deleting)), []);
    const deleted = play([tornDown('berlin'), tornDown('paris')], deleting);
    assert.throws(() => play([{ type: 'AddSite', site: 'tokyo' }], deleted), { code: 'NOT_FOUND' });
    assert.throws(
      () => play([networkCreated('rome', 'rome-late')], deleted),
      (e: Error & { code: string; details: { vimNetworkId: string } }) => e.code === 'NETWORK.DELETED' && e.details.vimNetworkId === 'rome-late',
    );
  });

  it('answers 404 when deleting a network that never existed', () => {
    assert.throws(() => play([{ type: 'DeleteStitchedNetwork' }]), { code: 'NOT_FOUND' });
  });
});
