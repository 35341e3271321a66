import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, parseIp } from '#vorch/ipam-domain';
import { cidrsCovering, poolsOfWhereabouts, whereaboutsBounds } from './whereabouts-pools.js';

const v4 = (text: string) => parseIp(text).value;

/** The least number of aligned blocks covering start..end, found by trying every block at every step (no greed). */
function fewestBlocks(start: number, end: number, memo = new Map<number, number>()): number {
  if (start > end) return 0;
  const known = memo.get(start);
  if (known !== undefined) return known;
  let best = Infinity;
  for (let size = 1; start % size === 0 && start + size - 1 <= end; size *= 2) best = Math.min(best, 1 + fewestBlocks(start + size, end, memo));
  memo.set(start, best);
  return best;
}

describe('cidrsCovering (a range as the fewest CIDR blocks)', () => {
  it('splits a range at its alignment boundaries', () => {
    assert.deepEqual(cidrsCovering(4, v4('10.0.0.12'), v4('10.0.0.19')), ['10.0.0.12/30', '10.0.0.16/30']);
    assert.deepEqual(cidrsCovering(4, v4('10.0.0.5'), v4('10.0.0.5')), ['10.0.0.5/32']);
    assert.deepEqual(cidrsCovering(4, v4('10.0.0.0'), v4('10.0.0.255')), ['10.0.0.0/24']);
    assert.deepEqual(cidrsCovering(4, v4('10.0.0.1'), v4('10.0.0.254')), [
      '10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/29', '10.0.0.16/28', '10.0.0.32/27', '10.0.0.64/26', '10.0.0.128/26',
      '10.0.0.192/27', '10.0.0.224/28', '10.0.0.240/29', '10.0.0.248/30', '10.0.0.252/31', '10.0.0.254/32',
    ]);
  });

  it('covers an IPv6 gap of most of a /64 in at most two blocks per bit, never listing its addresses', () => {
    const blocks = cidrsCovering(6, parseIp('fd00::101').value, parseIp('fd00::ffff:ffff:ffff:fffe').value);
    assert.equal(blocks[0], 'fd00::101/128');
    assert.equal(blocks.at(-1), 'fd00::ffff:ffff:ffff:fffe/128');
    assert.ok(blocks.length <= 2 * 64, `${blocks.length} blocks`);
    assert.ok(blocks.includes('fd00::4000:0:0:0/66'), 'a quarter of the /64 is one block');
  });

  it('for every range within 0.0.0.0/26, covers it exactly, with aligned blocks, and with no more blocks than necessary', () => {
    for (let start = 0; start < 64; start++) {
      for (let end = start; end < 64; end++) {
        const blocks = cidrsCovering(4, BigInt(start), BigInt(end)).map(parseCidr);
        let next = BigInt(start);
        for (const b of blocks) {
          assert.equal(b.network, next, `${start}-${end}: contiguous`);
          next = b.network + (1n << BigInt(32 - b.prefixLength));
        }
        assert.equal(next, BigInt(end) + 1n, `${start}-${end}: ends where the range ends`);
        assert.equal(blocks.length, fewestBlocks(start, end), `${start}-${end}: fewest blocks`);
      }
    }
  });
});

describe('whereabouts bounds for allocation pools', () => {
  const subnet = parseCidr('10.0.0.0/24');
  const range = (start: string, end: string) => ({ start: v4(start), end: v4(end) });

  it('bounds one range with range_start and range_end alone', () => {
    assert.deepEqual(whereaboutsBounds({ cidr: subnet, ranges: [range('10.0.0.10', '10.0.0.99')] }), { range_start: '10.0.0.10', range_end: '10.0.0.99' });
  });

  it('excludes the holes between several ranges, whatever order they come in; adjacent ranges leave no hole', () => {
    const pools = { cidr: subnet, ranges: [range('10.0.0.20', '10.0.0.29'), range('10.0.0.10', '10.0.0.11'), range('10.0.0.30', '10.0.0.40')] };
    assert.deepEqual(whereaboutsBounds(pools), { range_start: '10.0.0.10', range_end: '10.0.0.40', exclude: ['10.0.0.12/30', '10.0.0.16/30'] });
  });

  it('excludes a subnet with no range whole', () => {
    assert.deepEqual(whereaboutsBounds({ cidr: subnet, ranges: [] }), { exclude: ['10.0.0.0/24'] });
  });

  it('reads the bounds back as ascending ranges (adjacent ones merged), and reads nothing from a plain or unreadable range', () => {
    const pools = { cidr: subnet, ranges: [range('10.0.0.200', '10.0.0.200'), range('10.0.0.10', '10.0.0.11'), range('10.0.0.20', '10.0.0.21')] };
    assert.deepEqual(poolsOfWhereabouts('10.0.0.0/24', whereaboutsBounds(pools)), [
      { start: '10.0.0.10', end: '10.0.0.11' },
      { start: '10.0.0.20', end: '10.0.0.21' },
      { start: '10.0.0.200', end: '10.0.0.200' },
    ]);
    assert.deepEqual(poolsOfWhereabouts('10.0.0.0/24', { exclude: ['10.0.0.0/24'] }), []);
    assert.deepEqual(poolsOfWhereabouts('fd00::/64', { exclude: ['fd00::/120'] }), [{ start: 'fd00::100', end: 'fd00::ffff:ffff:ffff:ffff' }]);
    assert.equal(poolsOfWhereabouts('10.0.0.0/24', {}), undefined);
    assert.equal(poolsOfWhereabouts('10.0.0.0/24', { range_start: 'ten' }), undefined);
  });
});
