import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { aggregateAddress } from './aggregate-address.js';

describe('aggregateAddress', () => {
  it('puts the aggregate on its own subject and snapshot key', () => {
    assert.deepEqual(aggregateAddress('evt.net', 'network', '01JABC'), {
      aggregateType: 'network',
      aggregateId: '01JABC',
      subject: 'evt.net.network.01JABC',
      snapshotKey: 'network.01JABC',
    });
  });

  it('refuses ids that would widen the subject to other aggregates', () => {
    for (const id of ['a.b', '*', '>', 'a b', '']) {
      assert.throws(
        () => aggregateAddress('evt.net', 'network', id),
        (err: unknown) => err instanceof ValidationError && err.errors?.[0]?.field === 'aggregateId',
      );
    }
  });
});
