import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from '#vorch/stats-domain';
import { MAX_PART_BYTES, MAX_PART_VMS, partOfVm, partsToSend, splitSiteAddressEntries, type SentSiteParts } from './site-address-report-parts.js';

/** VM n with `ports` entries (one IP each), as siteAddressReport orders them: by VM id. */
const site = (vmCount: number, ports = 1, from = 0): AddressEntry[] =>
  Array.from({ length: vmCount }, (_, i) => i + from)
    .map((n) => `vm-${String(n).padStart(6, '0')}`)
    .flatMap((vmId, i) => Array.from({ length: ports }, (_, p) => ({
      mac: `02:00:00:${p.toString(16).padStart(2, '0')}:${((i + from) >> 8 & 255).toString(16).padStart(2, '0')}:${((i + from) & 255).toString(16).padStart(2, '0')}`,
      ip: `10.${p}.${(i + from) >> 8}.${(i + from) & 255}`, vmId, hostId: 'h1', domainId: 'd1', tenantId: 't1',
    })));
const bodyBytes = (entries: AddressEntry[]) => JSON.stringify({ domainId: 'd1', version: 1, entries, part: { index: 0, count: 4096 } }).length;
const sentOf = (parts: ReturnType<typeof splitSiteAddressEntries>): SentSiteParts => ({ count: parts.length, contents: parts.map((p) => p.content) });

describe('splitSiteAddressEntries', () => {
  it('keeps a small site in one part holding every entry in order', () => {
    const entries = site(100, 2);
    const parts = splitSiteAddressEntries('d1', entries);
    assert.equal(parts.length, 1);
    assert.deepEqual(parts[0]!.entries, entries);
    assert.deepEqual({ index: parts[0]!.index, count: parts[0]!.count }, { index: 0, count: 1 });
    assert.equal(parts[0]!.content, JSON.stringify(['d1', entries]));
  });

  it('splits a site one message could not hold into a power of two of parts, each within the limits and far below 1 MB', () => {
    const entries = site(12_000);
    assert.ok(bodyBytes(entries) > 1024 * 1024, 'the whole site would pass the payload limit');
    const parts = splitSiteAddressEntries('d1', entries);
    assert.ok(parts.length >= 8 && (parts.length & (parts.length - 1)) === 0, `${parts.length} parts`);
    for (const p of parts) {
      assert.ok(new Set(p.entries.map((e) => e.vmId)).size <= MAX_PART_VMS);
      assert.ok(bodyBytes(p.entries) < MAX_PART_BYTES, `${bodyBytes(p.entries)} bytes`);
    }
    assert.equal(parts.reduce((n, p) => n + p.entries.length, 0), entries.length);
  });

  it('splits by bytes too: VMs with many ports make more parts than their count alone would', () => {
    const parts = splitSiteAddressEntries('d1', site(1500, 8));
    assert.ok(parts.length > 1, 'under the VM limit, over the byte limit');
    for (const p of parts) assert.ok(p.content.length <= MAX_PART_BYTES, `${p.content.length} bytes`);
  });

  it('puts all of a VM\'s entries in the part its id hashes to, and each part in the report\'s order', () => {
    const entries = site(5000, 3);
    const parts = splitSiteAddressEntries('d1', entries);
    for (const p of parts) {
      for (const e of p.entries) assert.equal(partOfVm(e.vmId, p.count), p.index);
      const ids = p.entries.map((e) => e.vmId);
      assert.deepEqual(ids, [...ids].sort());
    }
  });

  it('is stable: the same entries give the same parts, and a change to one VM changes only its part', () => {
    const entries = site(5000);
    const before = splitSiteAddressEntries('d1', entries);
    assert.deepEqual(splitSiteAddressEntries('d1', entries.map((e) => ({ ...e }))), before);
    const moved = entries.map((e) => (e.vmId === 'vm-000042' ? { ...e, hostId: 'h2' } : e));
    const after = splitSiteAddressEntries('d1', moved, before.length);
    const changed = after.filter((p, i) => p.content !== before[i]!.content).map((p) => p.index);
    assert.deepEqual(changed, [partOfVm('vm-000042', before.length)]);
  });

  it('holds a count while the site still fits it, and gives it up only at half the limits', () => {
    const grown = splitSiteAddressEntries('d1', site(4500)).length;
    // a little smaller would fit fewer parts, but not at half the limits: the count stays
    const smaller = site(3600);
    assert.ok(splitSiteAddressEntries('d1', smaller).length < grown);
    assert.equal(splitSiteAddressEntries('d1', smaller, grown).length, grown);
    // much smaller: it shrinks, to a count within the limits
    const small = splitSiteAddressEntries('d1', site(100), grown);
    assert.ok(small.length < grown);
    for (const p of small) assert.ok(p.entries.length <= MAX_PART_VMS);
    // a site that outgrows what is held gets what it needs
    assert.ok(splitSiteAddressEntries('d1', site(12_000), 2).length > 2);
  });
});

describe('partsToSend', () => {
  const entries = site(5000);
  const parts = splitSiteAddressEntries('d1', entries);

  it('sends every part the first time, in index order', () => {
    assert.deepEqual(partsToSend(parts, undefined).map((p) => p.index), parts.map((p) => p.index));
  });

  it('sends nothing for an unchanged site, and only the changed part when one VM changes', () => {
    assert.deepEqual(partsToSend(parts, sentOf(parts)), []);
    const after = splitSiteAddressEntries('d1', entries.map((e) => (e.vmId === 'vm-000007' ? { ...e, ip: '10.9.9.9' } : e)), parts.length);
    assert.deepEqual(partsToSend(after, sentOf(parts)).map((p) => p.index), [partOfVm('vm-000007', parts.length)]);
  });

  it('sends every part, the last one included, when the count changed', () => {
    const grown = splitSiteAddressEntries('d1', site(12_000), parts.length);
    assert.notEqual(grown.length, parts.length);
    const toSend = partsToSend(grown, sentOf(parts));
    assert.equal(toSend.length, grown.length);
    assert.equal(toSend.at(-1)!.index, grown.length - 1);
  });

  it('after a failure part-way, sends the parts not yet accepted', () => {
    const half: SentSiteParts = { count: parts.length, contents: parts.slice(0, 2).map((p) => p.content) };
    assert.deepEqual(partsToSend(parts, half).map((p) => p.index), parts.slice(2).map((p) => p.index));
  });
});
