import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldEvents, NotFoundError } from '#vorch/contracts';
import { networkPortsDecider, portsOnSite, type NetworkPortsCommand, type NetworkPortsEvent, type PortRecord } from './network-ports.decider.js';

const port = (portId: string, site: string): PortRecord => ({
  portId, name: `vm-${portId}`, site, vimPortId: `${site}-${portId}`, homeVimPortId: `paris-${portId}`, mac: 'fa:16:3e:00:00:01', ips: ['10.20.0.5'],
});

function given(commands: NetworkPortsCommand[]): NetworkPortsEvent[] {
  const events: NetworkPortsEvent[] = [];
  for (const c of commands) events.push(...networkPortsDecider.decide(c, foldEvents(networkPortsDecider, events)));
  return events;
}

describe('network ports aggregate', () => {
  it('records a created port once, even when the record is redelivered', () => {
    const events = given([{ type: 'RecordPortCreated', port: port('p1', 'berlin') }, { type: 'RecordPortCreated', port: port('p1', 'berlin') }]);
    assert.deepEqual(events.map((e) => e.type), ['PortCreated']);
    assert.deepEqual(foldEvents(networkPortsDecider, events).ports.p1, port('p1', 'berlin'));
  });

  it('forgets a deleted port, naming its site in the event', () => {
    const events = given([{ type: 'RecordPortCreated', port: port('p1', 'berlin') }, { type: 'RecordPortDeleted', portId: 'p1' }]);
    assert.deepEqual(events[1], { type: 'PortDeleted', data: { portId: 'p1', site: 'berlin' } });
    assert.deepEqual(foldEvents(networkPortsDecider, events).ports, {});
  });

  it('answers NOT_FOUND for a port it does not hold (never created, or already deleted)', () => {
    const events = given([{ type: 'RecordPortCreated', port: port('p1', 'berlin') }, { type: 'RecordPortDeleted', portId: 'p1' }]);
    assert.throws(() => networkPortsDecider.decide({ type: 'RecordPortDeleted', portId: 'p1' }, foldEvents(networkPortsDecider, events)), NotFoundError);
  });

  it('lists the ports of one site', () => {
    const state = foldEvents(networkPortsDecider, given([
      { type: 'RecordPortCreated', port: port('p1', 'berlin') },
      { type: 'RecordPortCreated', port: port('p2', 'rome') },
      { type: 'RecordPortCreated', port: port('p3', 'berlin') },
    ]));
    assert.deepEqual(portsOnSite(state, 'berlin').map((p) => p.portId).sort(), ['p1', 'p3']);
    assert.deepEqual(portsOnSite(state, 'paris'), []);
  });
});
