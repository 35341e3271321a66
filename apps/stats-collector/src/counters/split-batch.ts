import type { VmTrafficBatchInput } from '#vorch/contracts';

/**
 * Cuts a large interval into batches of at most `maxRows` VM rows, so no message nears the NATS payload limit
 * (1 MB by default; a row is ~150 bytes of JSON). Parts get consecutive sequence numbers from `firstSeq`; the
 * domain cells and unattributed totals travel with the first part only, so nothing is counted twice.
 */
export function splitBatch(batch: VmTrafficBatchInput, firstSeq: number, maxRows = 2000): VmTrafficBatchInput[] {
  if (batch.rows.length <= maxRows) return [{ ...batch, batchSeq: firstSeq }];
  const parts: VmTrafficBatchInput[] = [];
  for (let i = 0; i < batch.rows.length; i += maxRows) {
    const first = i === 0;
    parts.push({
      ...batch,
      batchSeq: firstSeq + parts.length,
      rows: batch.rows.slice(i, i + maxRows),
      domainPairs: first ? batch.domainPairs : [],
      unattributedBytes: first ? batch.unattributedBytes : 0,
      unattributedPackets: first ? batch.unattributedPackets : 0,
      unattributedFlows: first ? batch.unattributedFlows : 0,
    });
  }
  return parts;
}
