/**
 * Keeps a consumer session in stream order. A session starts right after the checkpoint, so the server delivers in
 * sequence; the only thing that can arrive out of order is a redelivery (ack wait expired) of a message the session
 * already holds or applied. Letting one through could apply an event twice or after a newer one, so it is dropped:
 * the batch that holds the original acknowledges it (the consumer acknowledges everything up to a sequence).
 */
export class DeliveryOrder {
  private highest: number;

  constructor(startSeq: number) {
    this.highest = startSeq - 1;
  }

  /** True when `seq` is new to this session and must be applied; false for a redelivery. */
  admit(seq: number): boolean {
    if (seq <= this.highest) return false;
    this.highest = seq;
    return true;
  }

  get highestAdmitted(): number {
    return this.highest;
  }
}
