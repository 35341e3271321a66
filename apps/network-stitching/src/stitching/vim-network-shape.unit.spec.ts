import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeNetwork } from '#vorch/stitching-domain';
import type { Network } from '#vorch/vim-drivers';
import { clashOf, createNetworkRequest, driftOf, vimNetworkName } from './vim-network-shape.js';

const identity = describeNetwork({
  networkId: '01HZX3NDEKTSV4RRFFQ69G5FAV',
  name: 'blue',
  homeSite: 'home',
  subnets: [{ cidr: '172.16.1.0/24' }, { cidr: 'fd00:1::/64', gateway: null }],
  mtu: 1450,
  segmentation: { type: 'vxlan', id: 10001 },
});
const asBuilt = (patch: Partial<Network> = {}): Network => ({
  externalId: 'n-1',
  name: vimNetworkName(identity.networkId),
  cidrs: ['fd00:1::/64', '172.16.1.0/24'],
  segmentation: { type: 'vxlan', id: 10001 },
  mtu: 1450,
  ...patch,
});

describe('the identity in the driver\'s shape', () => {
  it('given an identity, when the request is built, then every site gets the same name, subnets, VNI, MTU and gateway', () => {
    assert.deepEqual(createNetworkRequest(identity), {
      name: 'vn-01hzx3ndektsv4rrffq69g5fav',
      cidrs: ['172.16.1.0/24', 'fd00:1::/64'],
      segmentation: { type: 'vxlan', id: 10001 },
      mtu: 1450,
      gateway: '172.16.1.1',
    });
  });

  it('given a subnet with allocation ranges and reserved addresses, then the VIM is given only what the pool hands out', () => {
    const shaped = describeNetwork({
      networkId: identity.networkId,
      name: 'blue',
      homeSite: 'home',
      subnets: [
        { cidr: '172.16.1.0/24', gateway: '172.16.1.15', allocationRanges: [{ start: '172.16.1.10', end: '172.16.1.40' }], reserved: [{ start: '172.16.1.20', end: '172.16.1.29' }] },
        { cidr: 'fd00:1::/64' },
      ],
      mtu: 1450,
      segmentation: { type: 'vxlan', id: 10001 },
    });
    assert.deepEqual(createNetworkRequest(shaped).allocationPools, [
      {
        cidr: '172.16.1.0/24',
        ranges: [
          { start: '172.16.1.10', end: '172.16.1.14' },
          { start: '172.16.1.16', end: '172.16.1.19' },
          { start: '172.16.1.30', end: '172.16.1.40' },
        ],
      },
    ]);
    assert.equal('allocationPools' in createNetworkRequest(identity), false, 'no pools asked for: the VIM keeps its own');
  });

  it('given a dual-stack identity with a gateway in each family, then the request carries both, for each family\'s subnet', () => {
    const both = describeNetwork({
      networkId: identity.networkId,
      name: 'blue',
      homeSite: 'home',
      subnets: [{ cidr: '172.16.1.0/24' }, { cidr: 'fd00:1::/64', gateway: 'fd00:1::fe' }],
      mtu: 1450,
      segmentation: { type: 'vxlan', id: 10001 },
    });
    const request = createNetworkRequest(both);
    assert.deepEqual(request.gateways, ['172.16.1.1', 'fd00:1::fe']);
    assert.equal(request.gateway, undefined);
  });

  it('given the network as built, when it is read back, then there is no drift', () => {
    assert.deepEqual(driftOf(identity, asBuilt()), []);
  });

  it('given a network renamed or re-segmented behind our back, then the drift names what changed', () => {
    assert.deepEqual(driftOf(identity, asBuilt({ name: 'renamed' })), ['name is renamed']);
    assert.deepEqual(driftOf(identity, asBuilt({ segmentation: { type: 'vxlan', id: 7 } })), ['segmentation id is 7']);
    assert.deepEqual(driftOf(identity, asBuilt({ cidrs: ['10.0.0.0/24'] })), ['cidrs are 10.0.0.0/24']);
  });

  it('given a site whose own network overlaps or uses the VNI, then validation names the clash; our own network is no clash', () => {
    const theirs = (patch: Partial<Network>): Network => ({ externalId: 'x', name: 'prov', cidrs: ['10.9.0.0/16'], ...patch });
    assert.equal(clashOf(identity, [theirs({}), asBuilt()]), undefined);
    assert.match(clashOf(identity, [theirs({ cidrs: ['172.16.0.0/16'] })])!, /172\.16\.0\.0\/16 of the site's network prov overlaps/);
    assert.match(clashOf(identity, [theirs({ segmentation: { type: 'vxlan', id: 10001 } })])!, /vxlan 10001 is used/);
    assert.equal(clashOf(identity, [theirs({ segmentation: { type: 'vlan', id: 10001 } })]), undefined);
  });
});
