import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { vmIdHash } from './vm-id-hash.js';

describe('vmIdHash', () => {
  it('is FNV-1a 32 bit over the id\'s UTF-16 code units', () => {
    assert.equal(vmIdHash(''), 0x811c9dc5);
    assert.equal(vmIdHash('a'), 0xe40c292c);
    assert.equal(vmIdHash('foobar'), 0xbf9cf968);
  });

  it('is an unsigned 32-bit integer for any id', () => {
    for (const id of ['vm-1', 'namespace/name', 'ünïcode', 'x'.repeat(1000)]) {
      const h = vmIdHash(id);
      assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32, id);
    }
  });
});
