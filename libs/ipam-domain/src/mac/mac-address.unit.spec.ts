import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalMac, formatMacPrefix, isLocallyAdministeredMac, macPrefixesOverlap, macPrefixRange, parseMac, parseMacPrefix, formatMac } from './mac-address.js';

describe('MAC addresses', () => {
  it('reads colons or dashes in any case and writes lowercase colons', () => {
    assert.equal(parseMac('FA:16:3E:01:02:03'), 0xfa163e010203n);
    assert.equal(canonicalMac('02-00-5E-10-00-0A'), '02:00:5e:10:00:0a');
    assert.equal(formatMac(1n), '00:00:00:00:00:01');
  });

  it('refuses malformed MACs with MAC.INVALID (400)', () => {
    for (const bad of ['', 'fa:16:3e:01:02', 'fa:16:3e:01:02:03:04', 'fa:16-3e:01:02:03', 'zz:16:3e:01:02:03', 'fa163e010203']) {
      assert.throws(() => parseMac(bad), { code: 'MAC.INVALID', status: 400 }, bad);
    }
  });

  it('knows the locally administered bit', () => {
    assert.ok(isLocallyAdministeredMac(parseMac('02:00:00:00:00:01')));
    assert.ok(!isLocallyAdministeredMac(parseMac('00:50:56:00:00:01')));
  });
});

describe('MAC prefixes', () => {
  it('reads an OUI as /24 and a longer prefix with its length', () => {
    assert.deepEqual(parseMacPrefix('fa:16:3e'), { value: 0xfa163e000000n, length: 24 });
    assert.equal(formatMacPrefix(parseMacPrefix('02:A0:00:00:00:00/28')), '02:a0:00:00:00:00/28');
    const range = macPrefixRange(parseMacPrefix('02:a0:00:00:00:00/28'));
    assert.deepEqual([formatMac(range.start), formatMac(range.end)], ['02:a0:00:00:00:00', '02:a0:00:0f:ff:ff']);
  });

  it('refuses multicast prefixes, set host bits and lengths outside 8-44', () => {
    assert.throws(() => parseMacPrefix('01:00:5e'), { code: 'MAC_PREFIX.INVALID' });
    assert.throws(() => parseMacPrefix('02:a1:00:00:00:00/12'), { code: 'MAC_PREFIX.INVALID' });
    assert.throws(() => parseMacPrefix('02:00:00:00:00:00/4'), { code: 'MAC_PREFIX.INVALID' });
    assert.throws(() => parseMacPrefix('02:00:00:00:00:00/46'), { code: 'MAC_PREFIX.INVALID' });
    assert.throws(() => parseMacPrefix('nothing'), { code: 'MAC_PREFIX.INVALID' });
  });

  it('detects overlapping prefixes, nested or equal', () => {
    assert.ok(macPrefixesOverlap(parseMacPrefix('02:a0:00:00:00:00/12'), parseMacPrefix('02:a5:00:00:00:00/16')));
    assert.ok(macPrefixesOverlap(parseMacPrefix('fa:16:3e'), parseMacPrefix('fa:16:3e')));
    assert.ok(!macPrefixesOverlap(parseMacPrefix('02:a0:00:00:00:00/12'), parseMacPrefix('02:b0:00:00:00:00/12')));
  });
});
