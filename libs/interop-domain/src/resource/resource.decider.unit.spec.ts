import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { resourceDecider, type RegisterResource } from './resource.decider.js';
import type { ResourceAttributes } from './resource.events.js';

const spec = deciderSpec(resourceDecider);
const host: ResourceAttributes = { tenantId: 'acme', kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 's1', externalId: 'host-7' };
const register = (attributes: ResourceAttributes = host): RegisterResource => ({ type: 'RegisterResource', resourceId: 'r1', attributes, source: 'discovery' });
const registered = { type: 'InteropResourceRegistered' as const, data: { resourceId: 'r1', ...host, source: 'discovery' as const } };

describe('resource decider', () => {
  it('given nothing, when registered, then it is registered', () => {
    assert.deepEqual(spec.given([]).when(register()), [registered]);
  });

  it('given it is registered, when the same facts arrive again, then nothing happens', () => {
    assert.deepEqual(spec.given([registered]).when(register()), []);
  });

  it('given it is registered, when it shows up in a new version, then it changed', () => {
    assert.deepEqual(spec.given([registered]).when(register({ ...host, version: '8.0 U3' })), [
      { type: 'InteropResourceChanged', data: { resourceId: 'r1', ...host, version: '8.0 U3', source: 'discovery', previousVersion: '8.0 U2' } },
    ]);
  });

  it('given another tenant owns the id, when registered, then it is refused', () => {
    assert.throws(() => spec.given([registered]).when(register({ ...host, tenantId: 'globex' })), (err: { code?: string }) => err.code === 'INTEROP.RESOURCE_ID_TAKEN');
  });

  it('given nothing, when the version is not a version, then it is refused', () => {
    assert.throws(() => spec.given([]).when(register({ ...host, version: '--' })), (err: { code?: string }) => err.code === 'VALIDATION');
  });
});
