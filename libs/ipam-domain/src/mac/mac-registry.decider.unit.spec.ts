import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { macRegistryDecider } from './mac-registry.decider.js';
import type { MacRegistryEvent } from './mac-registry.events.js';

const spec = deciderSpec(macRegistryDecider);
const prefix = (site: string, p: string): MacRegistryEvent => ({ type: 'MacPrefixAssigned', data: { site, prefix: p } });
const mac = (site: string, portId: string, m: string, source: 'vorch' | 'site-vim' = 'vorch'): MacRegistryEvent => ({
  type: 'MacAllocated',
  data: { site, portId, mac: m, source },
});

const twoSites = [prefix('paris', '02:a0:00:00:00:00/16'), prefix('berlin', '02:b0:00:00:00:00/16')];

describe('MAC registry decider: prefixes', () => {
  it('assigns a prefix to a site in canonical form', () => {
    assert.deepEqual(spec.given([]).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:A0:00:00:00:00/16' }), [prefix('paris', '02:a0:00:00:00:00/16')]);
  });

  it('refuses a prefix overlapping another site\'s, naming that site', () => {
    assert.throws(
      () => spec.given(twoSites).when({ type: 'AssignMacPrefix', site: 'rome', prefix: '02:a0:10:00:00:00/24' }),
      (e: Error & { code: string; details: { site: string } }) => e.code === 'MAC_PREFIX.OVERLAP' && e.details.site === 'paris',
    );
  });

  it('is idempotent for the same prefix and refuses a different one for the same site', () => {
    assert.deepEqual(spec.given(twoSites).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:a0:00:00:00:00/16' }), []);
    assert.throws(() => spec.given(twoSites).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:c0:00:00:00:00/16' }), { code: 'MAC_PREFIX.ALREADY_ASSIGNED' });
  });
});

describe('MAC registry decider: replacing a prefix', () => {
  const replaced = (site: string, p: string, previous: string): MacRegistryEvent => ({ type: 'MacPrefixReplaced', data: { site, prefix: p, previous } });

  it('replaces a site\'s prefix when asked to, and allocates from the new one while old MACs stay held', () => {
    const given = [...twoSites, mac('paris', 'p1', '02:a0:00:00:00:01')];
    assert.deepEqual(spec.given(given).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:c0:00:00:00:00/16', replace: true }), [replaced('paris', '02:c0:00:00:00:00/16', '02:a0:00:00:00:00/16')]);
    const after = [...given, replaced('paris', '02:c0:00:00:00:00/16', '02:a0:00:00:00:00/16')];
    assert.deepEqual(spec.given(after).when({ type: 'AllocateMac', site: 'paris', portId: 'p2' }), [mac('paris', 'p2', '02:c0:00:00:00:00')]);
    assert.throws(() => spec.given(after).when({ type: 'RecordMac', site: 'paris', portId: 'p3', mac: '02:a0:00:00:00:09' }), { code: 'MAC.OUTSIDE_PREFIX' }, 'the VIM must now hand out MACs from the new prefix');
    assert.deepEqual(spec.given(after).when({ type: 'ReleaseMac', mac: '02:a0:00:00:00:01', portId: 'p1' }), [{ type: 'MacReleased', data: { portId: 'p1', mac: '02:a0:00:00:00:01' } }]);
  });

  it('still refuses overlap with another site on replace, and is a no-op for the same prefix', () => {
    assert.throws(() => spec.given(twoSites).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:b0:00:00:00:00/24', replace: true }), { code: 'MAC_PREFIX.OVERLAP' });
    assert.deepEqual(spec.given(twoSites).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:a0:00:00:00:00/16', replace: true }), []);
  });

  it('does not give another site a prefix that still holds MACs of the site that gave it up', () => {
    const given = [...twoSites, mac('paris', 'p1', '02:a0:00:00:00:07'), replaced('paris', '02:c0:00:00:00:00/16', '02:a0:00:00:00:00/16')];
    assert.throws(
      () => spec.given(given).when({ type: 'AssignMacPrefix', site: 'rome', prefix: '02:a0:00:00:00:00/16' }),
      (e: Error & { code: string; details: { mac: string; site: string } }) => e.code === 'MAC_PREFIX.IN_USE' && e.details.mac === '02:a0:00:00:00:07' && e.details.site === 'paris',
    );
    // once paris released it, the prefix is free for rome; and paris may take its own old prefix back at any time
    const released = [...given, { type: 'MacReleased', data: { portId: 'p1', mac: '02:a0:00:00:00:07' } } as MacRegistryEvent];
    assert.deepEqual(spec.given(released).when({ type: 'AssignMacPrefix', site: 'rome', prefix: '02:a0:00:00:00:00/16' }), [prefix('rome', '02:a0:00:00:00:00/16')]);
    assert.deepEqual(spec.given(given).when({ type: 'AssignMacPrefix', site: 'paris', prefix: '02:a0:00:00:00:00/16', replace: true }).length, 1);
  });
});

describe('MAC registry decider: allocation', () => {
  it('allocates from the site\'s own prefix, one MAC per port', () => {
    assert.deepEqual(spec.given(twoSites).when({ type: 'AllocateMac', site: 'berlin', portId: 'p1' }), [mac('berlin', 'p1', '02:b0:00:00:00:00')]);
    const given = [...twoSites, mac('berlin', 'p1', '02:b0:00:00:00:00')];
    assert.deepEqual(spec.given(given).when({ type: 'AllocateMac', site: 'berlin', portId: 'p2' }), [mac('berlin', 'p2', '02:b0:00:00:00:01')]);
    assert.deepEqual(spec.given(given).when({ type: 'AllocateMac', site: 'berlin', portId: 'p1' }), []);
  });

  it('never re-issues a MAC another site\'s VIM chose, even inside this site\'s prefix', () => {
    const given = [...twoSites, mac('paris', 'vim-port', '02:b0:00:00:00:00', 'site-vim')];
    assert.deepEqual(spec.given(given).when({ type: 'AllocateMac', site: 'berlin', portId: 'p1' }), [mac('berlin', 'p1', '02:b0:00:00:00:01')]);
  });

  it('records a VIM-chosen MAC, refuses one already held, and refuses multicast MACs', () => {
    // oslo has no registered prefix: whatever its VIM chose is recorded
    assert.deepEqual(spec.given(twoSites).when({ type: 'RecordMac', site: 'oslo', portId: 'vp', mac: 'FA:16:3E:00:00:09' }), [mac('oslo', 'vp', 'fa:16:3e:00:00:09', 'site-vim')]);
    const given = [...twoSites, mac('oslo', 'vp', 'fa:16:3e:00:00:09', 'site-vim')];
    assert.deepEqual(spec.given(given).when({ type: 'RecordMac', site: 'oslo', portId: 'vp', mac: 'fa:16:3e:00:00:09' }), []);
    assert.throws(
      () => spec.given(given).when({ type: 'RecordMac', site: 'rome', portId: 'other', mac: 'fa:16:3e:00:00:09' }),
      (e: Error & { code: string; details: { holder: string } }) => e.code === 'MAC.TAKEN' && e.details.holder === 'vp',
    );
    assert.throws(() => spec.given(given).when({ type: 'RecordMac', site: 'oslo', portId: 'vp', mac: 'fa:16:3e:00:00:0a' }), { code: 'PORT.HAS_MAC' });
    assert.throws(() => spec.given(twoSites).when({ type: 'RecordMac', site: 'paris', portId: 'm', mac: '01:00:5e:00:00:01' }), { code: 'MAC.INVALID' });
  });

  it('records a MAC inside the site\'s registered prefix and refuses one outside it, naming the site and prefix', () => {
    assert.deepEqual(spec.given(twoSites).when({ type: 'RecordMac', site: 'paris', portId: 'in', mac: '02:a0:00:00:10:01' }), [mac('paris', 'in', '02:a0:00:00:10:01', 'site-vim')]);
    assert.throws(
      () => spec.given(twoSites).when({ type: 'RecordMac', site: 'paris', portId: 'out', mac: '02:b0:00:00:00:07' }),
      (e: Error & { code: string; status: number; details: { site: string; prefix: string } }) =>
        e.code === 'MAC.OUTSIDE_PREFIX' && e.status === 409 && e.details.site === 'paris' && e.details.prefix === '02:a0:00:00:00:00/16',
    );
  });

  it('keeps a redelivered RecordMac idempotent even when the prefix was registered after the MAC', () => {
    const given = [mac('paris', 'early', 'fa:16:3e:00:00:01', 'site-vim'), ...twoSites];
    assert.deepEqual(spec.given(given).when({ type: 'RecordMac', site: 'paris', portId: 'early', mac: 'fa:16:3e:00:00:01' }), []);
  });

  it('answers MAC_PREFIX.MISSING for a site without a prefix and MAC.EXHAUSTED when the prefix is full', () => {
    assert.throws(() => spec.given(twoSites).when({ type: 'AllocateMac', site: 'rome', portId: 'p' }), { code: 'MAC_PREFIX.MISSING', status: 409 });
    const tiny = [prefix('rome', '02:c0:00:00:00:00/44')];
    const full = [...tiny, ...Array.from({ length: 16 }, (_, i) => mac('rome', `p${i}`, `02:c0:00:00:00:0${i.toString(16)}`))];
    assert.throws(() => spec.given(full).when({ type: 'AllocateMac', site: 'rome', portId: 'late' }), { code: 'MAC.EXHAUSTED', status: 409 });
  });

  it('releases a MAC for reuse, idempotently, and only for its holder', () => {
    const given = [...twoSites, mac('paris', 'p1', '02:a0:00:00:00:00')];
    const released = spec.given(given).when({ type: 'ReleaseMac', mac: '02:a0:00:00:00:00', portId: 'p1' });
    assert.deepEqual(released, [{ type: 'MacReleased', data: { portId: 'p1', mac: '02:a0:00:00:00:00' } }]);
    assert.deepEqual(spec.given([...given, ...released]).when({ type: 'ReleaseMac', mac: '02:a0:00:00:00:00' }), []);
    assert.deepEqual(spec.given([...given, ...released]).when({ type: 'AllocateMac', site: 'paris', portId: 'p2' }), [mac('paris', 'p2', '02:a0:00:00:00:00')]);
    assert.throws(() => spec.given(given).when({ type: 'ReleaseMac', mac: '02:a0:00:00:00:00', portId: 'p9' }), { code: 'MAC.NOT_HELD' });
  });
});
