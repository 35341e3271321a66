import { describe, it } from 'node:test';
import { deciderSpec } from '../decider-spec.js';
import { resourceDecider, type RegisterResource } from './resource.decider.js';
import type { ResourceAttributes } from './resource.events.js';

const spec = deciderSpec(resourceDecider);
const host: ResourceAttributes = { tenantId: 'acme', kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 's1', externalId: 'host-7' };
const register = (attributes: ResourceAttributes = host): RegisterResource => ({ type: 'RegisterResource', resourceId: 'r1', attributes, source: 'discovery' });
const registered = { type: 'InteropResourceRegistered' as const, data: { resourceId: 'r1', ...host, source: 'discovery' as const } };

describe('resource decider', () => {
  it('given nothing, when registered, then it is registered', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('given it is registered, when the same facts arrive again, then nothing happens', () => {
    spec.given([registered]).when(register()).then([]);
  });

  it('given it is registered, when it shows up in a new version, then it changed', () => {
    spec
      .given([registered])
      .when(register({ ...host, version: '8.0 U3' }))
      .then([{ type: 'InteropResourceChanged', data: { resourceId: 'r1', ...host, version: '8.0 U3', source: 'discovery', previousVersion: '8.0 U2' } }]);
  });

  it('given another tenant owns the id, when registered, then it is refused', () => {
    spec.given([registered]).when(register({ ...host, tenantId: 'globex' })).thenThrows('INTEROP.RESOURCE_ID_TAKEN');
  });

  it('given nothing, when the version is not a version, then it is refused', () => {
    spec.given([]).when(register({ ...host, version: '--' })).thenThrows('VALIDATION');
  });
});
