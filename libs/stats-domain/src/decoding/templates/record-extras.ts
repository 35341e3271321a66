/** Values a record carries that only make sense once the whole record is read (times, sampling). */
export class RecordExtras {
  startUptime = -1;
  endUptime = -1;
  samplerId = 0;
  samplingInterval = 0;
  samplingSize = 0;
  samplingPopulation = 0;
  packetInterval = 0;
  packetSpace = 0;
  systemInitMs = 0;
  totalBytes = 0;
  totalPackets = 0;
  outBytes = 0;
  outPackets = 0;
  frameAt = -1;
  frameLength = 0;

  reset(): void {
    this.startUptime = this.endUptime = -1;
    this.samplerId = this.samplingInterval = this.samplingSize = this.samplingPopulation = this.systemInitMs = 0;
    this.packetInterval = this.packetSpace = 0;
    this.totalBytes = this.totalPackets = this.outBytes = this.outPackets = this.frameLength = 0;
    this.frameAt = -1;
  }
}

/**
 * One in how many packets the exporter sampled, from whichever sampling elements the record carried:
 * NetFlow's interval, RFC 5477 population/size, or packets taken vs. skipped; 0 when it carried none.
 */
export function samplingRateOf(x: RecordExtras): number {
  if (x.samplingInterval > 0) return x.samplingInterval;
  if (x.samplingSize > 0 && x.samplingPopulation > 0) return Math.round(x.samplingPopulation / x.samplingSize);
  if (x.packetInterval > 0 && x.packetSpace > 0) return Math.round((x.packetInterval + x.packetSpace) / x.packetInterval);
  return 0;
}
