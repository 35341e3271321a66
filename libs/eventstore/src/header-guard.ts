import { ReservedHeaderError, UnsupportedHeaderError } from './eventstore.errors.js';

/** JetStream publish headers that arrived after 2.9: the 2.9 server stores the message and ignores the header. */
const NEWER_THAN_2_9: Record<string, string> = {
  'nats-expected-last-subject-sequence-subject': '2.11',
  'nats-ttl': '2.11',
  'nats-marker-reason': '2.11',
  'nats-batch-id': '2.12',
  'nats-batch-sequence': '2.12',
  'nats-batch-commit': '2.12',
  'nats-incr': '2.12',
  'nats-schedule': '2.12',
  'nats-schedule-target': '2.12',
  'nats-schedule-source': '2.12',
  'nats-schedule-ttl': '2.12',
  'nats-schedule-time-zone': '2.12',
  'nats-schedule-rollup': '2.12',
  'nats-scheduler': '2.12',
  'nats-schedule-next': '2.12',
  'nats-required-api-level': '2.12',
};

/** Headers 2.9 does honour, but which the store owns or which would break an event stream. */
const RESERVED: Record<string, string> = {
  'nats-msg-id': 'the store derives it from meta.commandId',
  'nats-expected-last-subject-sequence': 'the store derives it from expectedSeq',
  'nats-expected-last-sequence': 'would couple the append to unrelated aggregates',
  'nats-expected-last-msg-id': 'would couple the append to unrelated aggregates',
  'nats-expected-stream': 'the store publishes to its own stream',
  'nats-rollup': 'would delete the aggregate history',
};

/** 2.9 knows no other Nats-* header: anything else under that prefix is from a newer server or a typo. */
const UNKNOWN_NATS_HEADER = /^nats-/;

/**
 * Refuses, before anything is published, every header a nats-server 2.9 would silently ignore and every
 * header the event store reserves. Plain application headers (traceparent, …) pass.
 */
export function assertHeadersSupported(headers: Iterable<string>): void {
  for (const name of headers) {
    const key = name.toLowerCase();
    const since = NEWER_THAN_2_9[key];
    if (since) throw new UnsupportedHeaderError(name, since);
    const reason = RESERVED[key];
    if (reason) throw new ReservedHeaderError(name, reason);
    if (UNKNOWN_NATS_HEADER.test(key)) throw new UnsupportedHeaderError(name, 'a later version (unknown to 2.9)');
  }
}
