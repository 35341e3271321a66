import type { Commit, EventEnvelope, UpcasterRegistry } from '#vorch/contracts';
import { CorruptAggregateError } from './eventstore.errors.js';
import type { Reducer } from './reducer.js';
import type { SnapshotRecord } from './snapshot-record.js';

/**
 * The state of one load in progress: folds commits in stream order, upcasting each event first, and keeps what
 * a snapshot needs (handled command ids, the schema version each event type was read at). Pure: no I/O.
 */
export class AggregateFold<S> {
  state: S;
  version = 0;
  seq = 0;
  readonly handled = new Set<string>();
  replayedCommits = 0;
  replayedEvents = 0;
  private readonly eventSchemas: Record<string, number> = {};

  constructor(
    private readonly aggregate: string,
    private readonly reducer: Reducer<S>,
    private readonly upcasters: UpcasterRegistry | undefined,
  ) {
    this.state = reducer.initialState;
  }

  restore(record: SnapshotRecord): void {
    this.state = record.state as S;
    this.version = record.version;
    this.seq = record.seq;
    for (const id of record.handledCommands) this.handled.add(id);
    Object.assign(this.eventSchemas, record.eventSchemas);
  }

  /** Continues from an aggregate loaded earlier (no snapshot bookkeeping: such a fold is never snapshotted). */
  resume(loaded: { state: S; version: number; seq: number; handledCommands: ReadonlySet<string> }): void {
    this.state = loaded.state;
    this.version = loaded.version;
    this.seq = loaded.seq;
    for (const id of loaded.handledCommands) this.handled.add(id);
  }

  apply(seq: number, commit: Commit): void {
    for (const stored of commit.events) {
      if (stored.version !== this.version + 1) throw new CorruptAggregateError(this.aggregate, seq, this.version + 1, stored.version);
      const event: EventEnvelope = this.upcasters ? this.upcasters.upcast(stored) : stored;
      this.eventSchemas[event.type] = this.upcasters?.currentVersion(event.type) ?? 1;
      this.state = this.reducer.evolve(this.state, event);
      this.version = stored.version;
      this.replayedEvents++;
    }
    this.handled.add(commit.commandId);
    this.seq = seq;
    this.replayedCommits++;
  }

  toSnapshot(schema: string, rememberCommands: number, now: Date = new Date()): SnapshotRecord<S> {
    const handled = [...this.handled];
    return {
      format: 1,
      schema,
      eventSchemas: { ...this.eventSchemas },
      version: this.version,
      seq: this.seq,
      state: this.state,
      handledCommands: handled.slice(Math.max(0, handled.length - rememberCommands)),
      takenAt: now.toISOString(),
    };
  }
}
