import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { domainAddressesDecider as decider, domainEntries, overruledEntries, type DomainAddressesEvent } from './domain-addresses.decider.js';

const entry = (vmId: string, ip: string, mac: string, hostId = 'h1') => ({ vmId, ip, mac, hostId, domainId: 'd1', tenantId: 'acme' });
const given = (events: DomainAddressesEvent[]) => events.reduce(decider.evolve, decider.initialState());
const reported = (switchId: string, version: number, entries: ReturnType<typeof entry>[]): DomainAddressesEvent => ({
  type: 'SwitchAddressesReported', data: { switchId, version, entries },
});
const fromInventory = (sourceId: string, version: number, entries: ReturnType<typeof entry>[]): DomainAddressesEvent => ({
  type: 'InventoryAddressesReported', data: { sourceId, version, entries },
});
const inventoryReport = (sourceId: string, version: number, entries: ReturnType<typeof entry>[]) =>
  ({ type: 'ReportInventoryAddresses', domainId: 'd1', sourceId, version, entries }) as const;
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

  describe('switches and inventory together', () => {
    const a = entry('vm-a', '10.0.0.1', '02:00:00:00:00:01');

    it('given a switch reports a VM, when inventory reports the same VM, IP, MAC and host, then it is accepted and the map holds one entry', () => {
      const state = given([reported('sw1', 1, [a])]);
      const events = decider.decide(inventoryReport('inventory-s1', 7, [entry('vm-a', '10.0.0.1', '02-00-00-00-00-01')]), state);
      assert.deepEqual(events, [fromInventory('inventory-s1', 7, [a])]);
      const after = events.reduce(decider.evolve, state);
      assert.deepEqual(domainEntries(after), [a]);
      assert.deepEqual(overruledEntries(after), []);
    });

    it('given inventory reported first, when the switch reports the same VM, then nothing is refused either way', () => {
      const state = given([fromInventory('inventory-s1', 3, [a])]);
      const events = decider.decide(report('sw1', 1, [a]), state);
      assert.equal(events.length, 1);
      assert.deepEqual(domainEntries(events.reduce(decider.evolve, state)), [a]);
    });

    it('given a switch holds an IP for one VM, when inventory gives it to another VM, then the report is kept, the switch wins and the loser is overruled', () => {
      const state = given([reported('sw1', 1, [a])]);
      const other = entry('vm-z', '10.0.0.1', '02:00:00:00:00:09');
      const keep = entry('vm-b', '10.0.0.2', '02:00:00:00:00:02', 'h2');
      const after = decider.decide(inventoryReport('inventory-s1', 4, [other, keep]), state).reduce(decider.evolve, state);
      assert.deepEqual(domainEntries(after), [a, keep]);
      assert.deepEqual(overruledEntries(after), [{ sourceId: 'inventory-s1', entry: other, winnerSourceId: 'sw1', winner: a }]);
    });

    it('given inventory holds an IP, when a switch reports it for another VM, then the switch is accepted and inventory loses', () => {
      const stale = entry('vm-old', '10.0.0.1', '02:00:00:00:00:07');
      const state = given([fromInventory('inventory-s1', 2, [stale])]);
      const after = decider.decide(report('sw1', 1, [a]), state).reduce(decider.evolve, state);
      assert.deepEqual(domainEntries(after), [a]);
      assert.equal(overruledEntries(after)[0]?.entry.vmId, 'vm-old');
    });

    it('given a switch sees a VM on h2, when inventory still places it on h1, then the switch\'s host is distributed', () => {
      const onH2 = entry('vm-a', '10.0.0.1', '02:00:00:00:00:01', 'h2');
      const state = given([reported('sw2', 1, [onH2]), fromInventory('inventory-s1', 2, [a])]);
      assert.deepEqual(domainEntries(state), [onH2]);
      assert.equal(overruledEntries(state).length, 1);
    });

    it('given inventory reports a VM no switch reports, then it is distributed, and it leaves when the next inventory report drops it', () => {
      const b = entry('vm-b', '10.0.0.2', '02:00:00:00:00:02', 'h2');
      const state = given([reported('sw1', 1, [a]), fromInventory('inventory-s1', 2, [b])]);
      assert.deepEqual(domainEntries(state), [a, b]);
      const after = decider.decide(inventoryReport('inventory-s1', 3, []), state).reduce(decider.evolve, state);
      assert.deepEqual(domainEntries(after), [a]);
    });

    it('given an inventory report at version 5, when version 5 or 4 arrives again, then nothing happens', () => {
      const state = given([fromInventory('inventory-s1', 5, [a])]);
      assert.deepEqual(decider.decide(inventoryReport('inventory-s1', 5, []), state), []);
      assert.deepEqual(decider.decide(inventoryReport('inventory-s1', 4, []), state), []);
    });

    it('given an inventory report that gives one IP to two VMs itself, then it is refused naming the field', () => {
      assert.throws(() => decider.decide(inventoryReport('inventory-s1', 1, [a, entry('vm-z', '10.0.0.1', '02:00:00:00:00:09')]), given([])),
        (err: unknown) => err instanceof ValidationError && err.errors!.some((e) => e.field === 'entries.1.ip'));
    });

    it('given two sites\' inventories disagree, then the first by source id wins whatever the arrival order', () => {
      const other = entry('vm-z', '10.0.0.1', '02:00:00:00:00:09');
      const one = given([fromInventory('inventory-s2', 1, [other]), fromInventory('inventory-s1', 1, [a])]);
      const two = given([fromInventory('inventory-s1', 1, [a]), fromInventory('inventory-s2', 1, [other])]);
      assert.deepEqual(domainEntries(one), [a]);
      assert.deepEqual(domainEntries(two), [a]);
    });
  });
});
