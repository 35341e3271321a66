import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subnetsOf } from './network-request.js';

describe('subnetsOf (a create-network request\'s subnets)', () => {
  it('gives each CIDR the options named for it, matched by the CIDR\'s meaning rather than its spelling', () => {
    const { subnets, errors } = subnetsOf({
      cidr: ['10.1.0.0/24', 'fd00:1::/64'],
      subnets: [{ cidr: 'FD00:1:0::/64', gateway: null, reserved: [{ start: 'fd00:1::2', end: 'fd00:1::9' }] }],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(subnets, [
      { cidr: '10.1.0.0/24' },
      { cidr: 'fd00:1::/64', gateway: null, allocationRanges: undefined, reserved: [{ start: 'fd00:1::2', end: 'fd00:1::9' }] },
    ]);
  });

  it('names every bad field at once: a bad CIDR, options for a CIDR the network lacks or given twice, and a bad pool', () => {
    const { errors } = subnetsOf({
      cidr: ['10.1.0.5/24', '10.2.0.0/24'],
      subnets: [
        { cidr: '10.3.0.0/24' },
        { cidr: '10.2.0.0/24', allocationRanges: [{ start: '10.2.0.10', end: '10.2.0.30' }, { start: '10.2.0.20', end: '10.2.0.40' }] },
        { cidr: '10.2.0.0/24' },
        { cidr: 'banana' },
      ],
    });
    assert.deepEqual(errors.map((e) => e.field), ['cidr.0', 'subnets.0.cidr', 'subnets.1', 'subnets.2.cidr', 'subnets.3.cidr']);
    assert.match(errors[0].message, /did you mean 10\.1\.0\.0\/24/);
    assert.match(errors[2].message, /allocation ranges overlap/);
    assert.match(errors[3].message, /twice/);
  });

  it('refuses a gateway or range outside the subnet, naming the subnet\'s entry', () => {
    const { errors } = subnetsOf({ cidr: ['10.1.0.0/24'], subnets: [{ cidr: '10.1.0.0/24', gateway: '10.9.0.1' }] });
    assert.deepEqual(errors.map((e) => e.field), ['subnets.0']);
  });
});
