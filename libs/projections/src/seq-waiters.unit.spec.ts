import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeqWaiters } from './seq-waiters.js';

describe('SeqWaiters', () => {
  it('resolves a waiter once the checkpoint reaches its sequence, not before', async () => {
    const w = new SeqWaiters();
    let done = false;
    const p = w.add(5, 1000, () => new Error('timeout')).then(() => (done = true));
    w.reached(4);
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false);
    w.reached(7);
    await p;
    assert.equal(done, true);
    assert.equal(w.size, 0);
  });

  it('rejects with the given error after the timeout and forgets the waiter', async () => {
    const w = new SeqWaiters();
    await assert.rejects(w.add(5, 20, () => new Error('too slow')), /too slow/);
    assert.equal(w.size, 0);
  });

  it('rejects only the waiters at or past a stopped sequence', async () => {
    const w = new SeqWaiters();
    const before = w.add(3, 1000, () => new Error('timeout'));
    const past = w.add(8, 1000, () => new Error('timeout'));
    w.rejectFrom(5, new Error('stopped'));
    await assert.rejects(past, /stopped/);
    assert.equal(w.size, 1);
    w.reached(3);
    await before;
  });
});
