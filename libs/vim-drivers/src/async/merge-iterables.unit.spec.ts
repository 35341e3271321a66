import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeIterables } from './merge-iterables.js';

async function* timed(values: Array<[string, number]>, closed: string[], name: string) {
  try {
    for (const [v, ms] of values) {
      await new Promise((r) => setTimeout(r, ms));
      yield v;
    }
  } finally {
    closed.push(name);
  }
}

describe('mergeIterables', () => {
  it('yields in arrival order across sources and finishes when all do', async () => {
    const closed: string[] = [];
    const out: string[] = [];
    for await (const v of mergeIterables([timed([['a1', 5], ['a2', 40]], closed, 'a'), timed([['b1', 20]], closed, 'b')])) out.push(v);
    assert.deepEqual(out, ['a1', 'b1', 'a2']);
  });

  it('closes every source when the consumer stops early', async () => {
    const closed: string[] = [];
    for await (const v of mergeIterables([timed([['a1', 5], ['a2', 500]], closed, 'a'), timed([['b1', 500]], closed, 'b')])) {
      assert.equal(v, 'a1');
      break;
    }
    assert.deepEqual(closed.sort(), ['a', 'b']);
  });

  it('rethrows the first failure', async () => {
    async function* failing() {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('stream broke');
    }
    await assert.rejects(async () => {
      for await (const _ of mergeIterables([failing(), timed([['x', 50]], [], 'x')])) void _;
    }, /stream broke/);
  });
});
