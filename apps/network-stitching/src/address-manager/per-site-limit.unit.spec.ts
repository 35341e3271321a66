import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PerSiteLimit } from './per-site-limit.js';

describe('PerSiteLimit', () => {
  it('keeps at most `limit` calls in flight per site, runs the rest in arrival order, and never blocks another site', async () => {
    const limit = new PerSiteLimit(2);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const call = (i: number) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      order.push(i);
      inFlight--;
      return i;
    };
    const otherSite = limit.run('b', async () => 'b');
    const got = await Promise.all(Array.from({ length: 6 }, (_, i) => limit.run('a', call(i))));
    assert.deepEqual(got, [0, 1, 2, 3, 4, 5]);
    assert.equal(peak, 2);
    assert.deepEqual(order.slice(0, 2).sort(), [0, 1]);
    assert.equal(await otherSite, 'b');
  });

  it('frees the slot of a call that fails', async () => {
    const limit = new PerSiteLimit(1);
    await assert.rejects(limit.run('a', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limit.run('a', async () => 'next'), 'next');
  });
});
