import type { JetStreamManager } from '@nats-io/jetstream';
import type { StatsSubjects } from '#vorch/contracts';

/**
 * The input stream predates inventory reports: a stream created by an older collector holds only `in.vswitch.>`.
 * Subjects are added with an update (a create would fail on the existing stream, and deleting it would lose what
 * switches published); subjects someone else added are kept.
 */
export async function ensureInputStreamSubjects(jsm: JetStreamManager, subjects: StatsSubjects): Promise<void> {
  const info = await jsm.streams.info(subjects.inputStream);
  const held = info.config.subjects ?? [];
  const missing = subjects.inputStreamSubjects.filter((s) => !held.includes(s));
  if (missing.length === 0) return;
  await jsm.streams.update(subjects.inputStream, { ...info.config, subjects: [...held, ...missing] });
}
