import { ChangesExpiredError, InvalidRequestError } from './sim-errors.js';
import type { Entity } from './entities.js';

export type ChangeOp = 'created' | 'updated' | 'deleted';

/** The lifecycle state of the entity just before and just after the change (VMs: their phase). */
export interface Transition {
  before: string;
  after: string;
}

export interface Change {
  seq: number;
  op: ChangeOp;
  /** Set for VM changes, so that objects derived from a VM's state (a KubeVirt VMI) can be replayed exactly. */
  transition?: Transition;
  /** The entity itself (live object: replays show its current state; a deleted one keeps its last state). */
  entity: Entity;
  at: string;
}

export type ChangeListener = (change: Change) => void;

/**
 * The site's monotonic change sequence and the last `capacity` changes in a ring. Sequence numbers are contiguous,
 * so finding "changes after N" is an index computation, not a search. The loaded topology is sequence 1.
 */
export class ChangeFeed {
  private readonly ring: (Change | undefined)[];
  private seq = 1;
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly capacity = 100_000) {
    this.ring = new Array<Change | undefined>(capacity);
  }

  get latest(): number {
    return this.seq;
  }

  /** The smallest `since` still answerable. */
  get oldestSince(): number {
    return Math.max(1, this.seq - this.capacity);
  }

  record(op: ChangeOp, entity: Entity, transition?: Transition): Change {
    const change: Change = { seq: ++this.seq, op, entity, at: new Date().toISOString(), ...(transition ? { transition } : {}) };
    entity.version = change.seq;
    this.ring[change.seq % this.capacity] = change;
    for (const listener of this.listeners) listener(change);
    return change;
  }

  /** Changes with seq > since, oldest first, at most `limit`; since 0 means from the start. */
  since(since: number, limit = Number.MAX_SAFE_INTEGER): Change[] {
    const from = since < 1 ? 1 : since;
    if (from > this.seq) throw new InvalidRequestError(`since ${since} is newer than the latest change ${this.seq}`);
    if (from < this.oldestSince) throw new ChangesExpiredError(since, this.oldestSince);
    const out: Change[] = [];
    for (let s = from + 1; s <= this.seq && out.length < limit; s++) out.push(this.ring[s % this.capacity] as Change);
    return out;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
