import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { acceptedIdempotencyKey, acceptedRequestId, currentRequestContext, runInRequestContext } from './request-context.js';

describe('request context', () => {
  it('is visible to code running on behalf of the call, across awaits, and only there', async () => {
    assert.equal(currentRequestContext(), undefined);
    await runInRequestContext({ requestId: 'r1', idempotencyKey: 'k1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      assert.deepEqual(currentRequestContext(), { requestId: 'r1', idempotencyKey: 'k1' });
    });
    assert.equal(currentRequestContext(), undefined);
  });

  it('keeps a plain caller request id and drops anything else', () => {
    assert.equal(acceptedRequestId('req-1_a.b:c'), 'req-1_a.b:c');
    for (const v of ['has space', 'x'.repeat(201), '', 'line\nbreak', undefined, 42]) assert.equal(acceptedRequestId(v), undefined);
  });

  it('accepts an absent or plain Idempotency-Key and refuses a malformed one', () => {
    assert.equal(acceptedIdempotencyKey(undefined), undefined);
    assert.equal(acceptedIdempotencyKey('0b9d6a2e-7f1c-4f1e-9a55-3c1b2f0d9e11'), '0b9d6a2e-7f1c-4f1e-9a55-3c1b2f0d9e11');
    assert.throws(() => acceptedIdempotencyKey('two words'), ValidationError);
    assert.throws(() => acceptedIdempotencyKey(''), ValidationError);
  });
});
