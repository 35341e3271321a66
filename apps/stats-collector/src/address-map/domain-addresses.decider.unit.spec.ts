import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import {
  domainAddressesDecider as decider, domainEntries, overruledEntries,
  type DomainAddressesCommand, type DomainAddressesEvent, type DomainAddressesState,
} from './domain-addresses.decider.js';

const entry = (vmId: string, ip: string, mac: string, hostId = 'h1') => ({ vmId, ip, mac, hostId, domainId: 'd1', tenantId: 'acme' });
const a0 = () => entry('vm-s', '10.2.0.1', '02:00:00:02:00:01');
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

  describe('a site reported in parts', () => {
    type Entry = ReturnType<typeof entry>;
    const vms = Array.from({ length: 8 }, (_, n) => entry(`vm-${n}`, `10.1.0.${n}`, `02:00:00:01:00:0${n}`));
    /** The site's VMs split by VM the way the publisher does it: VM n in part n mod count. */
    const partOf = (count: number, index: number, list: Entry[] = vms) => list.filter((_, n) => n % count === index);
    const inventoryPart = (version: number, index: number, count: number, entries: Entry[]) =>
      ({ type: 'ReportInventoryAddresses', domainId: 'd1', sourceId: 'inventory-s1', version, entries, part: { index, count } }) as const;
    /** Decides the command on the state and folds what it decided: the state after, and the events. */
    const apply = (state: DomainAddressesState, command: DomainAddressesCommand) => {
      const events = decider.decide(command, state);
      return { state: events.reduce(decider.evolve, state), events };
    };
    /**
     * Applies every part of a split at one version, in index order, checking after each that no VM is missing: every
     * VM of the new report that the map held before, or that a part sent so far holds, is in the map.
     */
    const sendSplit = (state: DomainAddressesState, version: number, count: number, list: Entry[] = vms) => {
      const before = new Set(domainEntries(state).map((e) => e.vmId));
      let s = state;
      for (let i = 0; i < count; i++) {
        s = apply(s, inventoryPart(version, i, count, partOf(count, i, list))).state;
        const held = new Set(domainEntries(s).map((e) => e.vmId));
        const sent = new Set(Array.from({ length: i + 1 }, (_, j) => partOf(count, j, list)).flat().map((e) => e.vmId));
        for (const e of list) if (before.has(e.vmId) || sent.has(e.vmId)) assert.ok(held.has(e.vmId), `${e.vmId} missing after part ${i} of ${count}`);
      }
      return s;
    };
    const sources = (state: DomainAddressesState) => Object.keys(state.switches).sort();
    const vmIds = (state: DomainAddressesState) => domainEntries(state).map((e) => e.vmId).sort();

    it('given nothing, when the parts of a split report arrive, then each is its own source and together they are the site', () => {
      const state = sendSplit(given([]), 3, 2);
      assert.deepEqual(sources(state), ['inventory-s1#0/2', 'inventory-s1#1/2']);
      assert.deepEqual(vmIds(state), vms.map((e) => e.vmId).sort());
      assert.deepEqual(state.switches['inventory-s1#1/2'], { kind: 'inventory', version: 3, entries: partOf(2, 1), part: { index: 1, count: 2 } });
    });

    it('given the old single-part report, when the site grows to 4 parts, then the old source is dropped only by the last part', () => {
      let state = given([fromInventory('inventory-s1', 2, vms)]);
      for (let i = 0; i < 3; i++) {
        const { state: next, events } = apply(state, inventoryPart(3, i, 4, partOf(4, i)));
        assert.deepEqual(events.map((e) => e.type), ['InventoryAddressesReported']);
        assert.ok(next.switches['inventory-s1'], `the old source still claims its VMs after part ${i}`);
        state = next;
      }
      const { state: after, events } = apply(state, inventoryPart(3, 3, 4, partOf(4, 3)));
      assert.deepEqual(events[1], { type: 'InventorySourcesDropped', data: { sourceIds: ['inventory-s1'] } });
      assert.deepEqual(sources(after), ['inventory-s1#0/4', 'inventory-s1#1/4', 'inventory-s1#2/4', 'inventory-s1#3/4']);
      assert.equal(after.version, state.version + 2);
    });

    it('given 2 parts, when the count grows to 4 and shrinks to 2 and to 1, then no VM is ever missing and nothing stale stays', () => {
      let state = sendSplit(given([]), 1, 2);
      state = sendSplit(state, 2, 4);
      assert.deepEqual(sources(state), ['inventory-s1#0/4', 'inventory-s1#1/4', 'inventory-s1#2/4', 'inventory-s1#3/4']);
      // shrinking: the VMs of the parts past the new count are deleted in the meantime, so stale entries would show
      const fewer = vms.slice(0, 6);
      state = sendSplit(state, 3, 2, fewer);
      assert.deepEqual(sources(state), ['inventory-s1#0/2', 'inventory-s1#1/2']);
      assert.deepEqual(vmIds(state), fewer.map((e) => e.vmId).sort());
      const { state: whole, events } = apply(state, inventoryReport('inventory-s1', 4, fewer.slice(0, 2)));
      assert.deepEqual(events[1], { type: 'InventorySourcesDropped', data: { sourceIds: ['inventory-s1#0/2', 'inventory-s1#1/2'] } });
      assert.deepEqual(sources(whole), ['inventory-s1']);
      assert.deepEqual(vmIds(whole), ['vm-0', 'vm-1']);
    });

    it('given the same count, when only one part changes, then only that part is replaced and nothing is dropped', () => {
      const state = sendSplit(given([]), 1, 2);
      const moved = partOf(2, 1).map((e) => (e.vmId === 'vm-3' ? { ...e, hostId: 'h9' } : e));
      const { state: after, events } = apply(state, inventoryPart(5, 1, 2, moved));
      assert.deepEqual(events.map((e) => e.type), ['InventoryAddressesReported']);
      assert.equal(after.switches['inventory-s1#0/2']!.version, 1);
      assert.equal(domainEntries(after).find((e) => e.vmId === 'vm-3')!.hostId, 'h9');
    });

    it('given the last part arrives before another part of the split, then the stale sources go when the split is complete', () => {
      let state = given([fromInventory('inventory-s1', 2, vms)]);
      state = apply(state, inventoryPart(3, 1, 2, partOf(2, 1))).state;
      assert.ok(state.switches['inventory-s1'], 'part 0 of 2 is not held yet: the old source stays');
      const { state: after, events } = apply(state, inventoryPart(3, 0, 2, partOf(2, 0)));
      assert.deepEqual(events[1], { type: 'InventorySourcesDropped', data: { sourceIds: ['inventory-s1'] } });
      assert.deepEqual(sources(after), ['inventory-s1#0/2', 'inventory-s1#1/2']);
    });

    it('given a newer split took over, when a part of the old split is redelivered, then nothing happens', () => {
      const state = sendSplit(sendSplit(given([]), 1, 2), 2, 4);
      assert.deepEqual(decider.decide(inventoryPart(1, 1, 2, partOf(2, 1)), state), []);
      assert.deepEqual(decider.decide(inventoryPart(2, 3, 4, []), state), [], 'and a part at the version it holds is a duplicate');
    });

    it('given a split at version 5, when a publisher that restarted splits version 5 differently, then it is taken and completes', () => {
      const state = sendSplit(given([]), 5, 4);
      const after = sendSplit(state, 5, 2);
      assert.deepEqual(sources(after), ['inventory-s1#0/2', 'inventory-s1#1/2']);
    });

    it('keeps every site to its own sources: another site, even one whose id starts the same, is never dropped', () => {
      const other = entry('vm-x', '10.9.0.1', '02:00:00:09:00:01');
      const state = given([fromInventory('inventory-s10', 1, [other]), fromInventory('inventory-s10#0/2', 1, [])]);
      const after = sendSplit(sendSplit(state, 1, 2), 2, 1);
      assert.deepEqual(sources(after), ['inventory-s1', 'inventory-s10', 'inventory-s10#0/2']);
    });

    it('still folds events recorded before reports had parts, and carries a part through a snapshot-shaped state', () => {
      const old: DomainAddressesEvent[] = [fromInventory('inventory-s1', 1, vms), reported('sw1', 1, [a0()]), { type: 'SwitchForgotten', data: { switchId: 'sw1' } }];
      const state = given(old);
      assert.deepEqual(state.switches, { 'inventory-s1': { kind: 'inventory', version: 1, entries: vms } });
      const split = sendSplit(JSON.parse(JSON.stringify(state)) as DomainAddressesState, 2, 2);
      assert.deepEqual(sources(JSON.parse(JSON.stringify(split)) as DomainAddressesState), ['inventory-s1#0/2', 'inventory-s1#1/2']);
    });
  });
});
