import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { normalizeEntry } from '../matrix-entry.js';
import { chunkEntries, matrixImportDecider, type StartImport } from './matrix-import.decider.js';
import type { ImportedEntry, MatrixImportEvent, MatrixImportStarted } from './matrix-import.events.js';

const spec = deciderSpec(matrixImportDecider);
const details: MatrixImportStarted['data'] = {
  importId: 'i1', scopeTenantId: null, requestedBy: 'admin', format: 'csv', contentHash: 'h1', totalEntries: 3, totalChunks: 2,
};
const e = (line: number): ImportedEntry => ({ ...normalizeEntry({ productA: 'ESXi', versionsA: `${line}`, productB: 'KVM', versionsB: '1', support: 'supported' }), line });
const start: StartImport = { type: 'StartImport', details };
const started: MatrixImportEvent = { type: 'MatrixImportStarted', data: details };
const chunk0: MatrixImportEvent = { type: 'MatrixImportChunkAppended', data: { importId: 'i1', chunk: 0, entries: [e(2), e(3)] } };
const chunk1: MatrixImportEvent = { type: 'MatrixImportChunkAppended', data: { importId: 'i1', chunk: 1, entries: [e(4)] } };
const completed: MatrixImportEvent = { type: 'MatrixImportCompleted', data: { importId: 'i1', totalEntries: 3 } };

describe('matrix import decider', () => {
  it('given nothing, when started, then it is started', () => {
    assert.deepEqual(spec.given([]).when(start), [started]);
  });

  it('given it started, when started again with the same file, then nothing happens (a resume)', () => {
    assert.deepEqual(spec.given([started, chunk0]).when(start), []);
  });

  it('given it started, when started again with another file, then it is refused', () => {
    assert.throws(() => spec.given([started]).when({ type: 'StartImport', details: { ...details, contentHash: 'h2' } }), (err: { code?: string }) => err.code === 'INTEROP.IMPORT_ID_REUSED');
  });

  it('given it started, when the next chunk comes, then it is appended', () => {
    assert.deepEqual(spec.given([started, chunk0]).when({ type: 'AppendImportChunk', importId: 'i1', chunk: 1, entries: [e(4)] }), [chunk1]);
  });

  it('given a chunk was appended, when it comes again, then nothing happens', () => {
    assert.deepEqual(spec.given([started, chunk0]).when({ type: 'AppendImportChunk', importId: 'i1', chunk: 0, entries: [e(2), e(3)] }), []);
  });

  it('given it started, when a chunk skips ahead, then it is refused', () => {
    assert.throws(() => spec.given([started]).when({ type: 'AppendImportChunk', importId: 'i1', chunk: 1, entries: [e(4)] }), (err: { code?: string }) => err.code === 'INTEROP.IMPORT_CHUNK_OUT_OF_ORDER');
  });

  it('given not started, when a chunk comes, then it is refused', () => {
    assert.throws(() => spec.given([]).when({ type: 'AppendImportChunk', importId: 'i1', chunk: 0, entries: [e(2)] }), (err: { code?: string }) => err.code === 'INTEROP.IMPORT_NOT_STARTED');
  });

  it('given a chunk would exceed the announced entries, then it is refused', () => {
    assert.throws(() => spec.given([started, chunk0]).when({ type: 'AppendImportChunk', importId: 'i1', chunk: 1, entries: [e(4), e(5)] }), (err: { code?: string }) => err.code === 'INTEROP.IMPORT_TOO_MANY_ENTRIES');
  });

  it('given every entry arrived, when completed, then it is completed', () => {
    assert.deepEqual(spec.given([started, chunk0, chunk1]).when({ type: 'CompleteImport', importId: 'i1' }), [completed]);
  });

  it('given entries are missing, when completed, then it is refused', () => {
    assert.throws(() => spec.given([started, chunk0]).when({ type: 'CompleteImport', importId: 'i1' }), (err: { code?: string }) => err.code === 'INTEROP.IMPORT_INCOMPLETE');
  });

  it('given it completed, when completed again, then nothing happens', () => {
    assert.deepEqual(spec.given([started, chunk0, chunk1, completed]).when({ type: 'CompleteImport', importId: 'i1' }), []);
  });

  it('tracks progress without holding the entries', () => {
    const state = [started, chunk0].reduce(matrixImportDecider.evolve, matrixImportDecider.initialState());
    assert.deepEqual(state, { status: 'running', details, chunksAppended: 1, entriesAppended: 2 });
  });

  it('chunks entries in order', () => {
    assert.deepEqual(chunkEntries([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunkEntries([], 2), []);
  });
});
