import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readKubernetesError } from './kubevirt/kubernetes-errors.js';
import { readOpenStackError } from './openstack/openstack-errors.js';
import { readVsphereError } from './vsphere/vsphere-errors.js';

describe('OpenStack error bodies', () => {
  it('reads a Keystone refusal as an auth fault', () => {
    assert.deepEqual(readOpenStackError(401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }), {
      kind: 'auth',
      vimCode: 'Unauthorized',
      vimMessage: 'The request you have made requires authentication.',
    });
  });
  it('reads a Nova fault named by its key', () => {
    assert.deepEqual(readOpenStackError(404, { itemNotFound: { code: 404, message: 'Instance x could not be found.' } }), {
      kind: 'not-found',
      vimCode: 'itemNotFound',
      vimMessage: 'Instance x could not be found.',
    });
    assert.equal(readOpenStackError(403, { overLimit: { code: 403, message: 'Quota exceeded' } }).kind, 'rejected');
  });
  it('reads a Neutron fault by type, so an address taken is a conflict whatever the status', () => {
    const f = readOpenStackError(400, { NeutronError: { type: 'IpAddressAlreadyAllocated', message: 'IP 10.0.0.5 already allocated', detail: '' } });
    assert.deepEqual(f, { kind: 'conflict', vimCode: 'IpAddressAlreadyAllocated', vimMessage: 'IP 10.0.0.5 already allocated' });
  });
  it('falls back to the status for a body it does not know', () => {
    assert.equal(readOpenStackError(503, '<html>Service Unavailable</html>').kind, 'transient');
  });
});

describe('vSphere error bodies', () => {
  it('reads error_type and joins the messages', () => {
    assert.deepEqual(readVsphereError(404, { error_type: 'NOT_FOUND', messages: [{ id: 'vapi.x', default_message: 'VM vm-9 not found' }] }), {
      kind: 'not-found',
      vimCode: 'NOT_FOUND',
      vimMessage: 'VM vm-9 not found',
    });
  });
  it('treats a busy resource as a conflict, an unavailable service as transient and a session loss as auth', () => {
    assert.equal(readVsphereError(409, { error_type: 'RESOURCE_BUSY', messages: [] }).kind, 'conflict');
    assert.equal(readVsphereError(503, { error_type: 'SERVICE_UNAVAILABLE', messages: [] }).kind, 'transient');
    assert.equal(readVsphereError(401, { error_type: 'UNAUTHENTICATED', messages: [] }).kind, 'auth');
  });
});

describe('Kubernetes Status bodies', () => {
  it('reads the reason', () => {
    const body = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', message: 'virtualmachines "a" already exists', code: 409 };
    assert.deepEqual(readKubernetesError(409, body), { kind: 'conflict', vimCode: 'AlreadyExists', vimMessage: 'virtualmachines "a" already exists' });
  });
  it('treats throttling and server timeouts as transient', () => {
    assert.equal(readKubernetesError(429, { reason: 'TooManyRequests' }).kind, 'transient');
    assert.equal(readKubernetesError(504, { reason: 'Timeout' }).kind, 'transient');
    assert.equal(readKubernetesError(403, { reason: 'Forbidden' }).kind, 'rejected');
  });
});
