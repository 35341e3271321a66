/**
 * Running totals for one decoder context (the collector keeps one per exporter or per listener and exports
 * them as metrics). Invariant after every datagram: received = decoded + malformed. `dropped` is for the
 * caller: datagrams it discarded before decoding (queue full, exporter not allowed).
 */
export class DecodeCounters {
  datagramsReceived = 0;
  datagramsDecoded = 0;
  datagramsMalformed = 0;
  datagramsDropped = 0;
  records = 0;
  /** IPFIX/NetFlow v9 sets or sFlow samples that were malformed and skipped without losing their neighbours. */
  partsMalformed = 0;
  templatesLearned = 0;
  templatesWithdrawn = 0;
  optionRecords = 0;
  /** Data sets whose template was not known yet; each one is then either buffered or dropped. */
  dataSetsWithoutTemplate = 0;
  dataSetsBuffered = 0;
  dataSetsReplayed = 0;
  /** Buffered data sets pushed out of the small buffer before their template arrived. */
  dataSetsExpired = 0;
  /** sFlow counter samples and sample/record types this decoder does not turn into flows. */
  samplesSkipped = 0;

  countDropped(n = 1): void {
    this.datagramsDropped += n;
  }
}
