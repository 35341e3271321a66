import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { VmTrafficBatchInput } from '#vorch/contracts';
import { splitBatch } from './split-batch.js';

const row = (n: number) => ({ vmId: `vm-${n}`, tenantId: 't', hostId: 'h', domainId: 'd', trafficClass: 'external' as const, bytes: n, packets: 1, flows: 1 });
const batch = (rows: number): VmTrafficBatchInput => ({
  source: 's', batchSeq: 0, intervalStartMs: 1000, mapRevision: 3, rows: Array.from({ length: rows }, (_, i) => row(i)),
  domainPairs: [{ srcDomainId: 'd', dstDomainId: 'external', bytes: 9, packets: 9, flows: 9 }], unattributedBytes: 5, unattributedPackets: 5, unattributedFlows: 5,
});

describe('splitBatch', () => {
  it('given a small interval, then it stays one batch with the given sequence', () => {
    const parts = splitBatch(batch(3), 7, 10);
    assert.equal(parts.length, 1);
    assert.equal(parts[0].batchSeq, 7);
  });

  it('given a large interval, then every row lands in exactly one part and shared totals only in the first', () => {
    const parts = splitBatch(batch(25), 1, 10);
    assert.deepEqual(parts.map((p) => [p.batchSeq, p.rows.length, p.domainPairs.length, p.unattributedFlows]), [[1, 10, 1, 5], [2, 10, 0, 0], [3, 5, 0, 0]]);
    assert.equal(parts.flatMap((p) => p.rows).reduce((n, r) => n + r.bytes, 0), (24 * 25) / 2);
  });
});
