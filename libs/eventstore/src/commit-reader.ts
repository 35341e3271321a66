import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { decodeCommit, type Commit } from '#vorch/contracts';

export interface StoredCommit {
  seq: number;
  commit: Commit;
}

/** Up to this many commits are fetched by direct get; a longer tail is streamed by an ordered consumer. */
const DIRECT_GET_LIMIT = 16;
const CONSUMER_BATCH = 1000;

/**
 * Yields the commits on `subject` from `fromSeq` up to and including `lastSeq`, in stream order. The bound comes
 * from a last-by-subject lookup taken before reading, so a load is a consistent cut even while writers append.
 * Short tails (the usual case after a snapshot) cost a few direct gets and leave nothing behind on the server;
 * long ones use one ordered consumer (a single filter subject, which 2.9 supports) that is deleted afterwards.
 */
export async function* readCommits(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  fromSeq: number,
  lastSeq: number,
): AsyncGenerator<StoredCommit> {
  let next = fromSeq;
  // 1. short tail: one direct get per commit
  for (let i = 0; i < DIRECT_GET_LIMIT && next <= lastSeq; i++) {
    const m = await jsm.direct.getMessage(stream, { seq: next, next_by_subj: subject });
    if (!m || m.seq > lastSeq) return;
    yield { seq: m.seq, commit: decodeCommit(m.data) };
    next = m.seq + 1;
  }
  if (next > lastSeq) return;
  // 2. long tail: stream the rest through an ordered consumer
  const consumer = await js.consumers.get(stream, { filter_subjects: subject, opt_start_seq: next });
  const messages = await consumer.consume({ max_messages: CONSUMER_BATCH });
  try {
    for await (const m of messages) {
      yield { seq: m.seq, commit: decodeCommit(m.data) };
      if (m.seq >= lastSeq) break;
    }
  } finally {
    await messages.close().catch(() => {});
    // Ordered consumers otherwise linger for their 5-minute inactivity threshold, one per load.
    consumer.delete().catch(() => {});
  }
}
