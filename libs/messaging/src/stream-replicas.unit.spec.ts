import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { streamReplicas } from './stream-replicas.js';

describe('stream replicas from the environment', () => {
  it('is 1 when unset and the number given otherwise', () => {
    assert.equal(streamReplicas({}), 1);
    assert.equal(streamReplicas({ VORCH_STREAM_REPLICAS: '3' }), 3);
  });

  it('refuses what JetStream could not honour, naming the variable', () => {
    for (const bad of ['0', '6', '2.5', 'three', '']) {
      assert.throws(() => streamReplicas({ VORCH_STREAM_REPLICAS: bad }), /VORCH_STREAM_REPLICAS must be a whole number from 1 to 5/, bad);
    }
  });
});
