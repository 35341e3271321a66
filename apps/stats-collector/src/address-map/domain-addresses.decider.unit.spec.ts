import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { domainAddressesDecider as decider, domainEntries, type DomainAddressesEvent } from './domain-addresses.decider.js';

const entry = (vmId: string, ip: string, mac: string, hostId = 'h1') => ({ vmId, ip, mac, hostId, domainId: 'd1', tenantId: 'acme' });
const given = (events: DomainAddressesEvent[]) => events.reduce(decider.evolve, decider.initialState());
const reported = (switchId: string, version: number, entries: ReturnType<typeof entry>[]): DomainAddressesEvent => ({
  type: 'SwitchAddressesReported', data: { switchId, version, entries },
});
const report = (switchId: string, version: number, entries: ReturnType<typeof entry>[]) =>
  ({ type: 'ReportSwitchAddresses', domainId: 'd1', switchId, version, entries }) as const;

describe('domain addresses decider', () => {
  it('given nothing, when a switch reports, then its entries are recorded in canonical form', () => {
    const events = decider.decide(report('sw1', 5, [entry('vm-a', '2001:DB8:0::1', '02-00-00-00-00-0A')]), given([]));
    assert.deepEqual(events, [reported('sw1', 5, [entry('vm-a', '2001:db8::1', '02:00:00:00:00:0a')])]);
  });

  it('given two switches, then the domain is the union of their latest reports, and a newer report replaces only its own', () => {
    const state = given([
      reported('sw1', 1, [entry('vm-a', '10.0.0.1', '02:00:00:00:00:01')]),
      reported('sw2', 1, [entry('vm-b', '10.0.0.2', '02:00:00:00:00:02', 'h2')]),
      reported('sw1', 2, [entry('vm-c', '10.0.0.3', '02:00:00:00:00:03')]),
    ]);
    assert.deepEqual(domainEntries(state).map((e) => e.vmId).sort(), ['vm-b', 'vm-c']);
    assert.equal(state.version, 3);
  });

  it('given a report at version 3, when the same or an older version arrives, then nothing happens', () => {
    const state = given([reported('sw1', 3, [entry('vm-a', '10.0.0.1', '02:00:00:00:00:01')])]);
    assert.deepEqual(decider.decide(report('sw1', 3, []), state), []);
    assert.deepEqual(decider.decide(report('sw1', 2, []), state), []);
  });

  it('given another switch holds an IP, when a switch claims it for a different VM, then the report is refused naming the field', () => {
    const state = given([reported('sw1', 1, [entry('vm-a', '10.0.0.1', '02:00:00:00:00:01')])]);
    assert.throws(() => decider.decide(report('sw2', 1, [entry('vm-z', '10.0.0.1', '02:00:00:00:00:09')]), state), (err: unknown) =>
      err instanceof ValidationError && err.errors!.some((e) => e.field === 'entries.1.ip'));
  });

  it('given a known switch, when it is forgotten, then its addresses leave the domain', () => {
    const state = given([reported('sw1', 1, [entry('vm-a', '10.0.0.1', '02:00:00:00:00:01')])]);
    const events = decider.decide({ type: 'ForgetSwitch', switchId: 'sw1' }, state);
    assert.deepEqual(domainEntries(events.reduce(decider.evolve, state)), []);
    assert.deepEqual(decider.decide({ type: 'ForgetSwitch', switchId: 'sw9' }, state), []);
  });
});
