import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedCollection } from './ordered-collection.js';

function filled(n: number) {
  const c = new OrderedCollection<{ id: string; serial: number }>();
  for (let i = 1; i <= n; i++) c.add({ id: `i${i}`, serial: i * 2 });
  return c;
}

describe('OrderedCollection paging', () => {
  it('pages through every item once, in order, and says when the last page is reached', () => {
    const c = filled(2500);
    const seen: number[] = [];
    let after: number | undefined;
    let pages = 0;
    for (;;) {
      const page = c.page(after, 1000);
      pages++;
      seen.push(...page.items.map((i) => i.serial));
      if (page.next === null) break;
      after = page.next;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 2500);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  });

  it('has no next page when the items end exactly at the limit', () => {
    assert.equal(filled(10).page(undefined, 10).next, null);
  });

  it('skips deleted items and resumes after a cursor whose item was deleted', () => {
    const c = filled(10);
    c.remove('i3');
    c.remove('i4');
    const first = c.page(undefined, 2);
    assert.deepEqual(first.items.map((i) => i.id), ['i1', 'i2']);
    const second = c.page(first.next ?? undefined, 2);
    assert.deepEqual(second.items.map((i) => i.id), ['i5', 'i6']);
    c.remove('i6');
    assert.deepEqual(c.page(second.next ?? undefined, 1).items.map((i) => i.id), ['i7']);
  });

  it('stays correct after many deletions compact the order', () => {
    const c = filled(5000);
    for (let i = 1; i <= 4000; i++) c.remove(`i${i}`);
    const page = c.page(undefined, 3);
    assert.deepEqual(page.items.map((i) => i.id), ['i4001', 'i4002', 'i4003']);
    assert.equal(c.size, 1000);
  });

  it('applies a filter without losing the paging order', () => {
    const page = filled(100).page(undefined, 5, (i) => i.serial % 10 === 0);
    assert.deepEqual(page.items.map((i) => i.serial), [10, 20, 30, 40, 50]);
    assert.equal(page.next, 50);
  });
});
