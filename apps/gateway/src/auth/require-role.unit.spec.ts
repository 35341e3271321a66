import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRole, roleSatisfies } from './require-role.decorator.js';

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    assert.equal(roleSatisfies('admin', 'operator'), true);
    assert.equal(roleSatisfies('operator', 'operator'), true);
    assert.equal(roleSatisfies('operator', 'admin'), false);
    assert.equal(roleSatisfies('viewer', 'operator'), false);
    assert.equal(roleSatisfies('viewer', 'viewer'), true);
  });

  it('defaults REST reads to viewer, REST writes and every gRPC method to operator', () => {
    assert.equal(defaultRole('http', 'GET'), 'viewer');
    assert.equal(defaultRole('http', 'HEAD'), 'viewer');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) assert.equal(defaultRole('http', m), 'operator');
    assert.equal(defaultRole('rpc', undefined), 'operator');
  });
});
