import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCommit, type UpcasterRegistry } from '#vorch/contracts';
import type { PositionedEvent, Projection } from './projection.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { ApplyFailure } from './apply-failure.js';

export interface BatchOutcome {
  /** Sequences applied by this transaction; a redelivery at or below the checkpoint is left out. */
  seqs: number[];
  checkpoint: number;
}

/**
 * Applies a batch and moves the checkpoint in ONE transaction: either every message of the batch is in the read
 * model together with the new checkpoint, or nothing is. A failing event throws ApplyFailure naming its sequence.
 */
export async function applyBatch(
  db: DataSource,
  checkpoints: CheckpointStore,
  projection: Projection,
  batch: readonly JsMsg[],
  upcasters?: UpcasterRegistry,
): Promise<BatchOutcome> {
  return db.transaction(async (em) => {
    const before = await checkpoints.lockForBatch(em);
    const fresh = batch.filter((m) => m.seq > before);
    if (fresh.length === 0) return { seqs: [], checkpoint: before };
    if (projection.applyBatch) await applyAtOnce(projection, fresh, em, upcasters);
    else await applyOneByOne(projection, fresh, em, upcasters);
    const checkpoint = fresh.at(-1)!.seq;
    await checkpoints.write(em, checkpoint);
    return { seqs: fresh.map((m) => m.seq), checkpoint };
  });
}

function eventsOf(msg: JsMsg, upcasters?: UpcasterRegistry): PositionedEvent[] {
  try {
    return decodeCommit(msg.data).events.map((stored) => ({ event: upcasters ? upcasters.upcast(stored) : stored, position: { seq: msg.seq } }));
  } catch (err) {
    throw new ApplyFailure(msg.seq, msg.subject, err);
  }
}

async function applyOneByOne(projection: Projection, msgs: readonly JsMsg[], em: EntityManager, upcasters?: UpcasterRegistry): Promise<void> {
  for (const msg of msgs) {
    for (const { event, position } of eventsOf(msg, upcasters)) {
      try {
        await projection.apply(event, em, position);
      } catch (err) {
        throw new ApplyFailure(msg.seq, msg.subject, err);
      }
    }
  }
}

async function applyAtOnce(projection: Projection, msgs: readonly JsMsg[], em: EntityManager, upcasters?: UpcasterRegistry): Promise<void> {
  const events = msgs.flatMap((m) => eventsOf(m, upcasters));
  try {
    await projection.applyBatch!(events, em);
  } catch (err) {
    const first = msgs[0]!;
    throw new ApplyFailure(first.seq, first.subject, err, msgs.length > 1 ? msgs.at(-1)!.seq : undefined);
  }
}
