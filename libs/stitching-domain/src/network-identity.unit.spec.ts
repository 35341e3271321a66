import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeNetwork, poolDefinitionOf, type NetworkIdentityRequest } from './network-identity.js';

const request: NetworkIdentityRequest = {
  networkId: 'n1',
  name: 'blue',
  homeSite: 'paris',
  subnets: [{ cidr: '10.20.0.0/24' }, { cidr: 'FD00:20::/64', gateway: 'fd00:20::fe' }],
  mtu: 1450,
  segmentation: { type: 'vxlan', id: 5001 },
};

const fieldsOf = (e: unknown) => (e as { errors: { field: string }[] }).errors.map((x) => x.field);

describe('describeNetwork', () => {
  it('builds the identity every site is given: subnets, gateways, MTU, segmentation, route targets', () => {
    assert.deepEqual(describeNetwork(request), {
      networkId: 'n1',
      name: 'blue',
      homeSite: 'paris',
      segmentation: { type: 'vxlan', id: 5001 },
      subnets: [
        { family: 4, cidr: '10.20.0.0/24', gateway: '10.20.0.1' },
        { family: 6, cidr: 'fd00:20::/64', gateway: 'fd00:20::fe' },
      ],
      mtu: 1450,
      routeTargets: { import: ['target:64512:5001'], export: ['target:64512:5001'] },
    });
    assert.deepEqual(describeNetwork({ ...request, asn: 65010 }).routeTargets.export, ['target:65010:5001']);
  });

  it('keeps allocation ranges and reserved addresses in canonical text, only when asked for, and opens the same pool', () => {
    const plain = describeNetwork(request).subnets[0];
    assert.equal('allocationRanges' in plain || 'reserved' in plain, false);
    const shaped = describeNetwork({
      ...request,
      subnets: [{ cidr: 'fd00:20::/64', allocationRanges: [{ start: 'FD00:20::0A', end: 'fd00:20:0::ff' }], reserved: [{ start: 'fd00:20::10', end: 'fd00:20::1f' }] }],
    }).subnets[0];
    assert.deepEqual(shaped.allocationRanges, [{ start: 'fd00:20::a', end: 'fd00:20::ff' }]);
    assert.deepEqual(shaped.reserved, [{ start: 'fd00:20::10', end: 'fd00:20::1f', reason: 'reserved' }]);
    assert.deepEqual(poolDefinitionOf(shaped), { cidr: 'fd00:20::/64', gateway: 'fd00:20::1', allocationRanges: shaped.allocationRanges, reserved: shaped.reserved });
    assert.throws(
      () => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.0/24', allocationRanges: [{ start: '10.20.0.10', end: '10.20.0.30' }, { start: '10.20.0.20', end: '10.20.0.40' }] }] }),
      { code: 'POOL.INVALID' },
    );
  });

  it('passes the address manager\'s 400s through for bad CIDRs and gateways', () => {
    assert.throws(() => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.1/24' }] }), { code: 'CIDR.INVALID' });
    assert.throws(() => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.0/24', gateway: 'fd00::1' }] }), { code: 'ADDRESS.FAMILY_MISMATCH' });
    assert.throws(() => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.0/24', gateway: '10.21.0.1' }] }), { code: 'ADDRESS.OUT_OF_RANGE' });
  });

  it('refuses two subnets of one IP version, overlapping subnets and no subnet at all', () => {
    assert.throws(() => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.0/24' }, { cidr: '10.30.0.0/24' }] }), (e) => fieldsOf(e).includes('subnets'));
    assert.throws(() => describeNetwork({ ...request, subnets: [] }), { code: 'VALIDATION' });
  });

  it('checks the MTU against what IPv6 needs', () => {
    assert.throws(() => describeNetwork({ ...request, mtu: 1200 }), (e) => fieldsOf(e).includes('mtu'));
    assert.doesNotThrow(() => describeNetwork({ ...request, subnets: [{ cidr: '10.20.0.0/24' }], mtu: 1200 }));
    assert.throws(() => describeNetwork({ ...request, mtu: 9001 }), (e) => fieldsOf(e).includes('mtu'));
  });

  it('checks the segmentation id against its type and the ASN against 2 bytes', () => {
    assert.throws(() => describeNetwork({ ...request, segmentation: { type: 'vlan', id: 5001 } }), (e) => fieldsOf(e).includes('segmentation.id'));
    assert.throws(() => describeNetwork({ ...request, segmentation: { type: 'mpls' as 'vlan', id: 5 } }), (e) => fieldsOf(e).includes('segmentation.type'));
    assert.throws(() => describeNetwork({ ...request, asn: 70_000 }), (e) => fieldsOf(e).includes('asn'));
  });
});
