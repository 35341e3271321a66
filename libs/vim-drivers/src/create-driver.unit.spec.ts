import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { createDriver } from './create-driver.js';

describe('createDriver', () => {
  it('gives the driver of the dialect asked for, sending nothing yet', () => {
    for (const dialect of ['openstack', 'vsphere', 'kubevirt'] as const) {
      const d = createDriver({ dialect, endpoint: 'http://127.0.0.1:1/sites/x/', credentials: { token: 't' } });
      assert.equal(d.dialect, dialect);
      assert.equal(d.endpoint, 'http://127.0.0.1:1/sites/x', 'trailing slash dropped');
    }
  });

  it('names every bad option', () => {
    assert.throws(
      () => createDriver({ dialect: 'hyperv', endpoint: 'not a url', credentials: {}, retries: -1, timeoutMs: 0 }),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.deepEqual([...new Set(err.errors?.map((e) => e.field))].sort(), ['dialect', 'endpoint', 'retries', 'timeoutMs']);
        return true;
      },
    );
  });

  it('refuses unknown credential fields rather than ignoring a typo', () => {
    assert.throws(() => createDriver({ dialect: 'vsphere', endpoint: 'http://h/s', credentials: { usernme: 'a' } }), ValidationError);
  });
});
