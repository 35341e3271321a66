import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, cidrSize, cidrsOverlap, defaultGateway, formatCidr, hostRange, lastAddress, parseCidr, parseHostAddress } from './cidr.js';
import { formatIp, parseIp } from './ip-address.js';

const text = (family: 4 | 6, v: bigint) => formatIp(family, v);

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 prefixes and formats them canonically', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8'), { family: 4, network: 0x0a000000n, prefixLength: 8 });
    assert.equal(formatCidr(parseCidr('2001:0DB8:0000::/64')), '2001:db8::/64');
    assert.equal(formatCidr(parseCidr('0.0.0.0/0')), '0.0.0.0/0');
    assert.equal(formatCidr(parseCidr('::/0')), '::/0');
  });

  it('refuses host bits and says which network was probably meant', () => {
    assert.throws(() => parseCidr('10.0.0.5/24'), (e: Error & { code: string }) => e.code === 'CIDR.INVALID' && e.message.includes('10.0.0.0/24'));
    assert.throws(() => parseCidr('2001:db8::1/64'), { code: 'CIDR.INVALID' });
  });

  it('refuses a missing, negative, too long or non-numeric prefix length and bad addresses', () => {
    for (const input of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/x', '10.0.0.0/024', '::/129', '10.0.0/8', '/8', '10.0.0.0/8/8']) {
      assert.throws(() => parseCidr(input), { code: 'CIDR.INVALID', status: 400 }, input);
    }
  });
});

describe('subnet arithmetic', () => {
  it('knows size, last address and containment', () => {
    const v4 = parseCidr('192.168.1.0/24');
    assert.equal(cidrSize(v4), 256n);
    assert.equal(text(4, lastAddress(v4)), '192.168.1.255');
    assert.ok(cidrContains(v4, parseIp('192.168.1.77')));
    assert.ok(!cidrContains(v4, parseIp('192.168.2.0')));
    // same bits, other family: never contained
    assert.ok(!cidrContains(parseCidr('::/96'), parseIp('192.168.1.1')));
    const v6 = parseCidr('2001:db8::/64');
    assert.equal(cidrSize(v6), 1n << 64n);
    assert.equal(text(6, lastAddress(v6)), '2001:db8::ffff:ffff:ffff:ffff');
  });

  it('detects overlaps, including nested prefixes, and never across families', () => {
    assert.ok(cidrsOverlap(parseCidr('10.0.0.0/8'), parseCidr('10.20.0.0/16')));
    assert.ok(cidrsOverlap(parseCidr('10.20.0.0/16'), parseCidr('10.0.0.0/8')));
    assert.ok(!cidrsOverlap(parseCidr('10.0.0.0/24'), parseCidr('10.0.1.0/24')));
    assert.ok(cidrsOverlap(parseCidr('2001:db8::/48'), parseCidr('2001:db8:0:5::/64')));
    assert.ok(!cidrsOverlap(parseCidr('0.0.0.0/0'), parseCidr('::/0')));
  });

  it('leaves out network and broadcast in IPv4, keeps both in /31 and /32', () => {
    const r24 = hostRange(parseCidr('10.0.0.0/24'));
    assert.deepEqual([text(4, r24.first), text(4, r24.last)], ['10.0.0.1', '10.0.0.254']);
    const r31 = hostRange(parseCidr('10.0.0.0/31'));
    assert.deepEqual([text(4, r31.first), text(4, r31.last)], ['10.0.0.0', '10.0.0.1']);
    const r32 = hostRange(parseCidr('10.0.0.7/32'));
    assert.deepEqual([text(4, r32.first), text(4, r32.last)], ['10.0.0.7', '10.0.0.7']);
  });

  it('leaves out the IPv6 subnet-router anycast address but has no broadcast', () => {
    const r64 = hostRange(parseCidr('2001:db8::/64'));
    assert.deepEqual([text(6, r64.first), text(6, r64.last)], ['2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff']);
    const r127 = hostRange(parseCidr('2001:db8::/127'));
    assert.deepEqual([text(6, r127.first), text(6, r127.last)], ['2001:db8::', '2001:db8::1']);
  });

  it('puts the default gateway on the first host address', () => {
    assert.equal(text(4, defaultGateway(parseCidr('172.16.4.0/22'))), '172.16.4.1');
    assert.equal(text(6, defaultGateway(parseCidr('fd00:1::/64'))), 'fd00:1::1');
  });
});

describe('parseHostAddress', () => {
  const v4 = parseCidr('10.1.2.0/24');
  const v6 = parseCidr('2001:db8::/64');

  it('accepts any host address of the subnet', () => {
    assert.equal(parseHostAddress(v4, '10.1.2.200'), parseIp('10.1.2.200').value);
    assert.equal(parseHostAddress(v6, '2001:db8::abcd'), parseIp('2001:db8::abcd').value);
  });

  it('tells a v4/v6 mix-up apart from an address outside the subnet', () => {
    assert.throws(() => parseHostAddress(v4, '2001:db8::5'), { code: 'ADDRESS.FAMILY_MISMATCH', status: 400 });
    assert.throws(() => parseHostAddress(v6, '10.1.2.5'), { code: 'ADDRESS.FAMILY_MISMATCH', status: 400 });
    assert.throws(() => parseHostAddress(v4, '10.1.3.5'), { code: 'ADDRESS.OUT_OF_RANGE', status: 400 });
    assert.throws(() => parseHostAddress(v6, '2001:db9::5'), { code: 'ADDRESS.OUT_OF_RANGE', status: 400 });
  });

  it('refuses the network and broadcast addresses, saying which they are', () => {
    assert.throws(() => parseHostAddress(v4, '10.1.2.0'), (e: Error & { code: string }) => e.code === 'ADDRESS.OUT_OF_RANGE' && /network address/.test(e.message));
    assert.throws(() => parseHostAddress(v4, '10.1.2.255'), (e: Error & { code: string }) => e.code === 'ADDRESS.OUT_OF_RANGE' && /broadcast address/.test(e.message));
    assert.throws(() => parseHostAddress(v6, '2001:db8::'), { code: 'ADDRESS.OUT_OF_RANGE' });
  });

  it('refuses text that is no address at all', () => {
    assert.throws(() => parseHostAddress(v4, '10.1.2'), { code: 'ADDRESS.INVALID' });
  });
});
