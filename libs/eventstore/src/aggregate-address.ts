import { ValidationError } from '#vorch/contracts';

/**
 * Aggregate type and id each become one subject token and part of a KV key, so they may hold only characters
 * that are safe in both: a '.', '*' or '>' would silently widen the subject to other aggregates.
 */
const TOKEN = /^[A-Za-z0-9_=-]{1,128}$/;

export interface AggregateAddress {
  aggregateType: string;
  aggregateId: string;
  /** Where the aggregate's commits live in the stream. */
  subject: string;
  /** Where its snapshot lives in the snapshot bucket. */
  snapshotKey: string;
}

export function aggregateAddress(subjectPrefix: string, aggregateType: string, aggregateId: string): AggregateAddress {
  const errors = [];
  if (typeof aggregateType !== 'string' || !TOKEN.test(aggregateType)) {
    errors.push({ field: 'aggregateType', message: 'must be 1-128 letters, digits, "_", "-" or "="' });
  }
  if (typeof aggregateId !== 'string' || !TOKEN.test(aggregateId)) {
    errors.push({ field: 'aggregateId', message: 'must be 1-128 letters, digits, "_", "-" or "="' });
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    aggregateType,
    aggregateId,
    subject: `${subjectPrefix}.${aggregateType}.${aggregateId}`,
    snapshotKey: `${aggregateType}.${aggregateId}`,
  };
}
