import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from './address-entry.js';
import {
  decideAddressMap, evolveAddressMap, initialAddressMapState, type AddressMapCommand, type AddressMapEvent, type AddressMapState,
} from './address-map.decider.js';
import { InvalidAddressReportError, StaleAddressReportError } from './address-map.errors.js';

const entry = (vmId: string, ip: string, mac: string, hostId: string, domainId = 'dc1'): AddressEntry => ({ vmId, ip, mac, hostId, domainId, tenantId: 't1' });
const replace = (domainId: string, version: number, entries: AddressEntry[]): AddressMapCommand => ({ type: 'ReplaceDomainAddresses', domainId, version, entries });

function given(events: AddressMapEvent[]) {
  const state = events.reduce(evolveAddressMap, initialAddressMapState);
  return {
    when: (command: AddressMapCommand) => ({
      then: (expected: AddressMapEvent[]) => assert.deepEqual(decideAddressMap(command, state), expected),
      thenThrows: (error: new (...args: never[]) => Error) => assert.throws(() => decideAddressMap(command, state), error),
    }),
    state,
  };
}

const replaced = (domainId: string, version: number, entries: AddressEntry[]): AddressMapEvent => ({ type: 'DomainAddressesReplaced', domainId, version, entries });

describe('address map decider', () => {
  it('stores a first report with canonical addresses', () => {
    given([])
      .when(replace('dc1', 1, [entry('vm1', '2001:DB8:0:0::1', '02-00-00-00-00-0A', 'h1')]))
      .then([replaced('dc1', 1, [entry('vm1', '2001:db8::1', '02:00:00:00:00:0a', 'h1')])]);
  });

  it('ignores the same version again (a redelivered report)', () => {
    given([replaced('dc1', 3, [])]).when(replace('dc1', 3, [entry('vm1', '10.0.0.1', '02:00:00:00:00:01', 'h1')])).then([]);
  });

  it('refuses a report older than the one it holds', () => {
    given([replaced('dc1', 3, [])]).when(replace('dc1', 2, [])).thenThrows(StaleAddressReportError);
  });

  it('refuses entries that are not addresses, belong to another domain, or give one IP to two VMs', () => {
    const bad = [
      entry('vm1', 'not-an-ip', '02:00:00:00:00:01', 'h1'),
      entry('vm2', '10.0.0.2', 'zz', 'h1'),
      entry('vm3', '10.0.0.3', '02:00:00:00:00:03', 'h1', 'dc2'),
      entry('vm4', '10.0.0.4', '02:00:00:00:00:04', 'h1'),
      entry('vm5', '10.0.0.4', '02:00:00:00:00:05', 'h1'),
    ];
    try {
      decideAddressMap(replace('dc1', 1, bad), initialAddressMapState);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof InvalidAddressReportError);
      assert.deepEqual(e.errors?.map((x) => x.field), ['entries.0.ip', 'entries.1.mac', 'entries.2.domainId', 'entries.4.ip']);
    }
  });

  it('forgets a domain it knows, and does nothing for one it does not', () => {
    given([replaced('dc1', 1, [])]).when({ type: 'ForgetDomain', domainId: 'dc1' }).then([{ type: 'DomainForgotten', domainId: 'dc1' }]);
    given([]).when({ type: 'ForgetDomain', domainId: 'dc1' }).then([]);
  });

  it('indexes addresses by IP and MAC, and moves a VM when a newer report puts it on another host', () => {
    const vm = entry('vm1', '10.0.0.1', '02:00:00:00:00:01', 'h1');
    let state: AddressMapState = evolveAddressMap(initialAddressMapState, replaced('dc1', 1, [vm]));
    assert.equal(state.index.byAddress('10.0.0.1')?.hostId, 'h1');
    assert.equal(state.index.byHardwareAddress('02:00:00:00:00:01')?.vmId, 'vm1');
    state = evolveAddressMap(state, replaced('dc1', 2, [{ ...vm, hostId: 'h2' }]));
    assert.equal(state.index.byAddress('10.0.0.1')?.hostId, 'h2');
    assert.equal(state.index.version, 2);
    state = evolveAddressMap(state, { type: 'DomainForgotten', domainId: 'dc1' });
    assert.equal(state.index.byAddress('10.0.0.1'), undefined);
  });

  it('lets the most recently reported domain win an address another domain still claims (a VM that changed domain)', () => {
    const inDc1 = entry('vm1', '10.0.0.1', '02:00:00:00:00:01', 'h1', 'dc1');
    const inDc2 = entry('vm1', '10.0.0.1', '02:00:00:00:00:01', 'h9', 'dc2');
    let state = [replaced('dc1', 1, [inDc1]), replaced('dc2', 1, [inDc2])].reduce(evolveAddressMap, initialAddressMapState);
    assert.equal(state.index.byAddress('10.0.0.1')?.domainId, 'dc2');
    state = evolveAddressMap(state, replaced('dc1', 2, []));
    assert.equal(state.index.byAddress('10.0.0.1')?.domainId, 'dc2');
  });
});
