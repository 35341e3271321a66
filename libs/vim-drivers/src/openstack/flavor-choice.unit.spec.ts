import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { smallestFlavorFor } from './flavor-choice.js';

const flavors = [
  { id: '3', name: 'm1.large', vcpus: 4, ram: 8192 },
  { id: '1', name: 'm1.small', vcpus: 1, ram: 2048 },
  { id: '2', name: 'm1.medium', vcpus: 2, ram: 4096 },
  { id: '9', name: 'hi-mem', vcpus: 2, ram: 16384 },
];

describe('smallestFlavorFor', () => {
  it('given a request between flavors, then the smallest that holds it', () => {
    assert.equal(smallestFlavorFor(flavors, 2, 3000)?.name, 'm1.medium');
    assert.equal(smallestFlavorFor(flavors, 1, 1024)?.name, 'm1.small');
  });
  it('given memory beyond the CPU-matched flavors, then a bigger one', () => {
    assert.equal(smallestFlavorFor(flavors, 2, 10000)?.name, 'hi-mem');
  });
  it('given a request no flavor holds, then none', () => {
    assert.equal(smallestFlavorFor(flavors, 64, 1024), undefined);
  });
});
