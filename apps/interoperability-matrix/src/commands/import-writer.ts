import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, type CommandMeta } from '#vorch/contracts';
import { deciderReducer, type EventStore, type Reducer } from '#vorch/eventstore';
import { matrixImportDecider, type MatrixImportCommand, type MatrixImportEvent, type MatrixImportState } from '#vorch/interop-domain';
import { IMPORT_AGGREGATE } from '../aggregate-ids.js';

const reducer: Reducer<MatrixImportState> = deciderReducer(matrixImportDecider);

const MAX_CONFLICTS = 8;

/**
 * Runs a sequence of commands against one import aggregate, keeping its state in hand between them. handleCommand
 * would reload the aggregate before each command, replaying every chunk so far: quadratic in the file's size.
 * Each command carries its own deterministic id (`<key>`), so a resumed or concurrent run appends nothing twice.
 */
export class ImportWriter {
  private state: MatrixImportState = matrixImportDecider.initialState();
  private seq = 0;
  private version = 0;

  constructor(
    private readonly store: EventStore,
    private readonly aggregateId: string,
    private readonly meta: Omit<CommandMeta, 'commandId'>,
  ) {}

  get current(): MatrixImportState {
    return this.state;
  }

  get lastSeq(): number {
    return this.seq;
  }

  async load(): Promise<MatrixImportState> {
    const loaded = await this.store.load(IMPORT_AGGREGATE, this.aggregateId, reducer);
    this.state = loaded.state;
    this.seq = loaded.seq;
    this.version = loaded.version;
    return this.state;
  }

  /** Decides and appends one command; on a concurrent writer, reloads and decides again (the decider skips what is done). */
  async run(command: MatrixImportCommand, key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const events = matrixImportDecider.decide(command, this.state);
      if (!events.length) return;
      try {
        const result = await this.store.append({
          aggregateType: IMPORT_AGGREGATE,
          aggregateId: this.aggregateId,
          expectedSeq: this.seq,
          expectedVersion: this.version,
          meta: { ...this.meta, commandId: `${this.aggregateId}-${key}` },
          events,
        });
        this.state = result.events.reduce((s, e) => matrixImportDecider.evolve(s, e as unknown as MatrixImportEvent), this.state);
        this.seq = result.seq;
        this.version = result.version;
        if (result.duplicate) await this.load();
        return;
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_CONFLICTS) throw err;
        await sleep(10 * attempt);
        await this.load();
      }
    }
  }
}
