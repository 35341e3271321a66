import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { requestClaimDecider, type RequestClaimEvent } from './request-claim.decider.js';

const spec = deciderSpec(requestClaimDecider);
const claimed = (id: string): RequestClaimEvent => ({ type: 'IdClaimed', data: { id } });

describe('requestClaimDecider', () => {
  it('claims the first id offered', () => {
    assert.deepEqual(spec.given([]).when({ type: 'ClaimId', id: 'N1' }), [claimed('N1')]);
  });

  it('keeps the first claim: a resent command offering another id decides nothing and the state names the first', () => {
    const given = spec.given([claimed('N1')]);
    assert.deepEqual(given.when({ type: 'ClaimId', id: 'N2' }), []);
    assert.deepEqual(given.state(), { id: 'N1', fulfilled: false });
  });

  it('does not move the id should a second claim ever be recorded', () => {
    assert.equal(spec.given([claimed('N1'), claimed('N2')]).state().id, 'N1');
  });

  it('records fulfilment once, and only of a claimed id', () => {
    assert.deepEqual(spec.given([claimed('N1')]).when({ type: 'RecordClaimFulfilled' }), [{ type: 'ClaimFulfilled', data: {} }]);
    const done = spec.given([claimed('N1'), { type: 'ClaimFulfilled', data: {} }]);
    assert.deepEqual(done.when({ type: 'RecordClaimFulfilled' }), []);
    assert.deepEqual(done.state(), { id: 'N1', fulfilled: true });
    assert.throws(() => spec.given([]).when({ type: 'RecordClaimFulfilled' }), /only after its id was claimed/);
  });
});
