import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkedAllocationPools, poolRangesText } from './allocation-pools.js';
import { DriverRejectedError } from './driver-errors.js';
import type { CreateNetworkRequest } from './vim-driver.js';

const fault = { dialect: 'test', endpoint: 'http://vim.invalid' };
const request = (allocationPools: CreateNetworkRequest['allocationPools']): CreateNetworkRequest => ({ name: 'n', cidrs: ['10.0.0.0/24', 'fd00:1::/64'], allocationPools });

describe('checkedAllocationPools', () => {
  it('gives each subnet named its ranges, in the order given and in canonical form, by its index in cidrs', () => {
    const pools = checkedAllocationPools(
      request([
        { cidr: 'FD00:1:0::/64', ranges: [{ start: 'fd00:1::0:100', end: 'fd00:1::1ff' }] },
        { cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.20', end: '10.0.0.29' }, { start: '10.0.0.2', end: '10.0.0.9' }] },
      ]),
      fault,
    );
    assert.deepEqual([...pools.keys()], [1, 0]);
    assert.deepEqual(poolRangesText(pools.get(0)!), [{ start: '10.0.0.20', end: '10.0.0.29' }, { start: '10.0.0.2', end: '10.0.0.9' }]);
    assert.deepEqual(poolRangesText(pools.get(1)!), [{ start: 'fd00:1::100', end: 'fd00:1::1ff' }]);
    assert.equal(checkedAllocationPools({ name: 'n', cidrs: ['10.0.0.0/24'] }, fault).size, 0);
  });

  it('takes an empty list of ranges: the VIM then hands out nothing of that subnet by itself', () => {
    assert.deepEqual(checkedAllocationPools(request([{ cidr: '10.0.0.0/24', ranges: [] }]), fault).get(0)?.ranges, []);
  });

  it('refuses with DriverRejectedError what cannot fit, naming why', () => {
    const refused: [CreateNetworkRequest['allocationPools'], RegExp][] = [
      [[{ cidr: '10.9.0.0/24', ranges: [{ start: '10.9.0.2', end: '10.9.0.3' }] }], /not one of the network's CIDRs/],
      [[{ cidr: 'not-a-cidr', ranges: [] }], /not one of the network's CIDRs/],
      [[{ cidr: '10.0.0.0/24', ranges: [] }, { cidr: '10.0.0.0/24', ranges: [] }], /named twice/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.250', end: '10.0.1.3' }] }], /not within the host addresses/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.0', end: '10.0.0.3' }] }], /not within the host addresses/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.200', end: '10.0.0.255' }] }], /not within the host addresses/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: 'fd00:1::2', end: 'fd00:1::3' }] }], /not within the host addresses/],
      [[{ cidr: 'fd00:1::/64', ranges: [{ start: 'fd00:1::', end: 'fd00:1::3' }] }], /not within the host addresses/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.9', end: 'ten' }] }], /not within the host addresses/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.9', end: '10.0.0.3' }] }], /starts after it ends/],
      [[{ cidr: '10.0.0.0/24', ranges: [{ start: '10.0.0.20', end: '10.0.0.30' }, { start: '10.0.0.2', end: '10.0.0.20' }] }], /overlap/],
    ];
    for (const [pools, why] of refused) {
      assert.throws(() => checkedAllocationPools(request(pools), fault), (err: unknown) => err instanceof DriverRejectedError && err.code === 'DRIVER.REJECTED' && why.test(err.message), JSON.stringify(pools));
    }
  });
});
