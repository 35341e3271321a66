import { encodeCommit, newId, type Commit, type StatsSubjects, type VmTrafficBatchInput } from '#vorch/contracts';

export const VM_TRAFFIC_COUNTED = 'VmTrafficCounted';

/**
 * A counter batch as a message of the counters stream: a Vorch commit holding one VmTrafficCounted event, so the
 * projection runner (checkpoints, retries, rebuilds) reads it like any event stream. The message id makes a
 * batch published twice (a retry after a lost PubAck, a relayed batch redelivered) count once.
 */
export function counterMessage(subjects: StatsSubjects, mode: 'agent' | 'collector', batch: VmTrafficBatchInput) {
  const id = `${mode}:${batch.source}:${batch.batchSeq}:${batch.intervalStartMs}`;
  const commit: Commit = {
    commandId: id,
    events: [{
      id: newId(),
      type: VM_TRAFFIC_COUNTED,
      schemaVersion: 1,
      aggregateId: batch.source,
      aggregateType: 'traffic-counters',
      version: batch.batchSeq,
      occurredAt: new Date().toISOString(),
      tenantId: 'system',
      correlationId: id,
      causationId: id,
      data: batch,
    }],
  };
  return { subject: `${subjects.counters.subjectPrefix}.${mode}.${batch.source}`, data: encodeCommit(commit), msgID: id };
}
