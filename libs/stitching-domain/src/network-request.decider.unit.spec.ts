import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { networkRequestDecider } from './network-request.decider.js';

const spec = deciderSpec(networkRequestDecider);

describe('networkRequestDecider', () => {
  it('claims the first network id offered', () => {
    assert.deepEqual(spec.given([]).when({ type: 'ClaimNetworkId', networkId: 'N1' }), [{ type: 'NetworkIdClaimed', data: { networkId: 'N1' } }]);
  });

  it('keeps the first claim: a resent command offering another id decides nothing and the state names the first', () => {
    const claimed = spec.given([{ type: 'NetworkIdClaimed', data: { networkId: 'N1' } }]);
    assert.deepEqual(claimed.when({ type: 'ClaimNetworkId', networkId: 'N2' }), []);
    assert.equal(claimed.state().networkId, 'N1');
  });

  it('lets a second claimed event, should one ever be recorded, not move the id', () => {
    const state = spec.given([
      { type: 'NetworkIdClaimed', data: { networkId: 'N1' } },
      { type: 'NetworkIdClaimed', data: { networkId: 'N2' } },
    ]).state();
    assert.equal(state.networkId, 'N1');
  });
});
