import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chunkKey, isChunkedHead, joinChunks, sha256Of, splitIntoChunks, type ChunkedHead } from './snapshot-chunks.js';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 251);
const headFor = (data: Uint8Array, count: number, slot: 0 | 1 = 0): ChunkedHead => ({ chunked: { slot, count, bytes: data.length, sha256: sha256Of(data) } });

describe('snapshot chunks', () => {
  it('splits into chunks of at most the given size and joins back to the same bytes', () => {
    const data = bytes(2500);
    const chunks = splitIntoChunks(data, 1000);
    assert.deepEqual(chunks.map((c) => c.length), [1000, 1000, 500]);
    assert.deepEqual(joinChunks(headFor(data, 3), chunks), Buffer.from(data));
  });

  it('refuses a missing chunk, a chunk from another write, or a count that does not match the head', () => {
    const data = bytes(2500);
    const chunks = splitIntoChunks(data, 1000);
    const head = headFor(data, 3);
    assert.equal(joinChunks(head, [chunks[0], undefined, chunks[2]]), undefined);
    const other = Uint8Array.from(chunks[1]!);
    other[10] = (other[10]! + 1) % 256;
    assert.equal(joinChunks(head, [chunks[0], other, chunks[2]]), undefined, 'same length, other content: the hash tells');
    assert.equal(joinChunks(head, chunks.slice(0, 2)), undefined);
  });

  it('keeps chunk keys apart from every aggregate snapshot key and tells a head from a record', () => {
    assert.equal(chunkKey('domain-addresses.dc1', 1, 4), '_chunks.domain-addresses.dc1.s1.4');
    assert.equal(isChunkedHead(headFor(bytes(10), 1)), true);
    assert.equal(isChunkedHead({ format: 1, state: { chunked: true } }), false);
    assert.equal(isChunkedHead({ chunked: { slot: 2, count: 1, bytes: 1, sha256: 'x' } }), false);
  });
});
