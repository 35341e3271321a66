import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalIp, formatIp, parseIp } from './ip-address.js';

describe('parseIp / formatIp', () => {
  it('reads IPv4 dotted quads as 32-bit numbers and writes them back', () => {
    assert.deepEqual(parseIp('10.0.0.1'), { family: 4, value: 0x0a000001n });
    assert.deepEqual(parseIp('255.255.255.255'), { family: 4, value: 0xffffffffn });
    assert.equal(formatIp(4, 0xc0a80a01n), '192.168.10.1');
    assert.equal(formatIp(4, 0n), '0.0.0.0');
  });

  it('reads IPv6 in full, shortened and with an embedded IPv4 tail', () => {
    assert.equal(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001').value, 0x20010db8000000000000000000000001n);
    assert.equal(parseIp('2001:db8::1').value, 0x20010db8000000000000000000000001n);
    assert.equal(parseIp('::').value, 0n);
    assert.equal(parseIp('::1').value, 1n);
    assert.equal(parseIp('fe80::').value, 0xfe800000000000000000000000000000n);
    assert.equal(parseIp('::ffff:192.0.2.1').value, 0xffffc0000201n);
    assert.equal(parseIp('2001:DB8::A').value, parseIp('2001:db8::a').value);
  });

  it('writes IPv6 the RFC 5952 way: lowercase, no leading zeros, the longest zero run as ::', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      // a single zero group is not shortened
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      // the longer run wins
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      // on a tie, the first run wins
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['FE80:0000:0000:0000:0202:B3FF:FE1E:8329', 'fe80::202:b3ff:fe1e:8329'],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalIp(input), expected, input);
  });

  it('round-trips every address it formats', () => {
    for (const value of [0n, 1n, 0xffffn << 64n, (1n << 128n) - 1n, 0x20010db8000000010000000000000000n]) {
      assert.equal(parseIp(formatIp(6, value)).value, value);
    }
  });

  it('refuses malformed addresses with ADDRESS.INVALID (400)', () => {
    const bad = ['', '10.0.0', '10.0.0.256', '10.0.0.01', '10.0.0.-1', '10.0.0.1.2', 'a.b.c.d', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'fe80::1%eth0', 'g::1', '1:2:3:4:5:6:7::8'];
    for (const input of bad) {
      assert.throws(() => parseIp(input), { code: 'ADDRESS.INVALID', status: 400 }, input);
    }
  });
});
