import { VorchError } from '#vorch/contracts';

/**
 * A header that nats-server 2.9 accepts and then silently ignores (it arrived in 2.10+): publishing it would
 * store the message without the guarantee the caller asked for, so the store refuses before publishing.
 */
export class UnsupportedHeaderError extends VorchError {
  constructor(header: string, since: string) {
    super('EVENTSTORE.UNSUPPORTED_HEADER', `header ${header} needs nats-server ${since}; 2.9 would silently ignore it`, 400, {
      header,
      since,
    });
  }
}

/** A header the event store sets itself (dedupe, concurrency) or one that would destroy history. */
export class ReservedHeaderError extends VorchError {
  constructor(header: string, reason: string) {
    super('EVENTSTORE.RESERVED_HEADER', `header ${header} may not be set on an append: ${reason}`, 400, { header, reason });
  }
}

/** The stored commits of an aggregate break its version sequence: a bug or manual tampering, never a retryable state. */
export class CorruptAggregateError extends VorchError {
  constructor(aggregate: string, seq: number, expectedVersion: number, foundVersion: number) {
    super('EVENTSTORE.CORRUPT_AGGREGATE', `${aggregate} has version ${foundVersion} at seq ${seq}, expected ${expectedVersion}`, 500, {
      aggregate,
      seq,
      expectedVersion,
      foundVersion,
    });
  }
}
