import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalIp, canonicalMac, ipBytes } from './address-parsing.js';
import { formatIpv6 } from './address-text.js';
import { ipv4Text, ipv6Text, macText } from './cached-address-text.js';

describe('address text', () => {
  it('writes IPv6 the RFC 5952 way', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['fe80:0:0:0:0:0:0:0', 'fe80::'],
      ['2001:db8:1:1:1:1:1:1', '2001:db8:1:1:1:1:1:1'],
      ['2001:0:1:1:1:1:1:1', '2001:0:1:1:1:1:1:1'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ];
    for (const [input, want] of cases) {
      assert.equal(formatIpv6(ipBytes(input)!, 0), want, input);
      assert.equal(ipv6Text(ipBytes(input)!, 0), want, `${input} through the cache`);
      assert.equal(canonicalIp(input), want, input);
    }
  });

  it('never returns a cached text for a different address that shares its slot', () => {
    // 4096 addresses per kind, far more than collide; every text must still be its own address's
    for (let i = 1; i <= 4096; i++) {
      const v4 = Uint8Array.of(10, (i * 7) & 255, i >> 8, i & 255);
      assert.equal(ipv4Text(v4, 0), `10.${(i * 7) & 255}.${i >> 8}.${i & 255}`);
      const v6 = ipBytes(`2001:db8::${i.toString(16)}:1`)!;
      assert.equal(ipv6Text(v6, 0), `2001:db8::${i.toString(16)}:1`);
      const mac = Uint8Array.of(2, 0, 0, 0, i >> 8, i & 255);
      assert.equal(macText(mac, 0), `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`);
    }
    assert.equal(ipv4Text(Uint8Array.of(0, 0, 0, 0), 0), '0.0.0.0', 'the all-zero key is not mistaken for an empty slot');
  });

  it('normalises IPv4, MAC spellings, and rejects what is neither', () => {
    assert.equal(canonicalIp(' 10.0.0.1 '), '10.0.0.1');
    assert.equal(canonicalIp('10.0.0.256'), undefined);
    assert.equal(canonicalIp('vm-1'), undefined);
    assert.equal(canonicalMac('02-AB-cd-00-00-01'), '02:ab:cd:00:00:01');
    assert.equal(canonicalMac('02abcd000001'), '02:ab:cd:00:00:01');
    assert.equal(canonicalMac('02:ab:cd:00:00'), undefined);
  });
});
