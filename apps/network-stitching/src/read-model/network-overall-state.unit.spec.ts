import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldEvents } from '#vorch/contracts';
import { stitchingDecider, type StitchingCommand, type StitchingEvent } from '#vorch/stitching-domain';
import { overallState } from './network-overall-state.js';

const createBlue: StitchingCommand = {
  type: 'CreateStitchedNetwork',
  networkId: 'net-blue',
  name: 'blue',
  homeSite: 'paris',
  stretchTo: ['berlin', 'rome'],
  subnets: [{ cidr: '10.20.0.0/24' }],
  mtu: 1450,
  segmentation: { type: 'vxlan', id: 5001 },
};
const validated = (site: string): StitchingCommand => ({ type: 'RecordSiteValidated', site });
const networkCreated = (site: string): StitchingCommand => ({ type: 'RecordSiteNetworkCreated', site, vimNetworkId: `${site}-net` });
const drift = (site: string, kind: 'deleted' | 'changed'): StitchingCommand => ({ type: 'RecordDriftDetected', site, drift: kind });
const tornDown = (site: string): StitchingCommand => ({ type: 'RecordSiteTornDown', site });

/** given(events).when(commands): every event decided, as the service would record them. */
function play(commands: StitchingCommand[], from: StitchingEvent[] = []): StitchingEvent[] {
  const events = [...from];
  for (const command of commands) events.push(...stitchingDecider.decide(command, foldEvents(stitchingDecider, events)));
  return events;
}

const overall = (events: StitchingEvent[]) => {
  const state = foldEvents(stitchingDecider, events);
  if (state.status === 'absent') throw new Error('no network');
  return overallState(state);
};

const allActive = () =>
  play([createBlue, ...['paris', 'berlin', 'rome'].flatMap((s) => [validated(s), networkCreated(s)])]);

describe('overallState', () => {
  it('is pending while a site is still validating or activating, active once every site is', () => {
    assert.equal(overall(play([createBlue])), 'pending');
    assert.equal(overall(play([createBlue, validated('paris'), networkCreated('paris')])), 'pending');
    assert.equal(overall(allActive()), 'active');
  });

  it('is degraded while one site is, and active again after the repair', () => {
    const degraded = play([drift('berlin', 'deleted')], allActive());
    assert.equal(overall(degraded), 'degraded');
    const repaired = play([{ type: 'RecordSiteRepaired', site: 'berlin', vimNetworkId: 'berlin-net-2' }], degraded);
    assert.equal(overall(repaired), 'active');
  });

  it('is failed when a site refused the network, even while another is degraded', () => {
    const events = play([createBlue, validated('paris'), networkCreated('paris'), { type: 'RecordSiteRejected', site: 'rome', reason: 'CIDR clash' }]);
    assert.equal(overall(events), 'failed');
    assert.equal(overall(play([drift('paris', 'changed')], events)), 'failed');
  });

  it('ignores a site removed from the network, and follows the deletion', () => {
    const removed = play([{ type: 'RemoveSite', site: 'rome' }, tornDown('rome')], allActive());
    assert.equal(overall(removed), 'active');
    const deleting = play([{ type: 'DeleteStitchedNetwork' }], allActive());
    assert.equal(overall(deleting), 'deleting');
    assert.equal(overall(play([tornDown('berlin'), tornDown('rome'), tornDown('paris')], deleting)), 'deleted');
  });
});
