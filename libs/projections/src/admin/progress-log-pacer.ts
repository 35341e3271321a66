/**
 * Decides when a rebuild's progress is worth a log line: the first report, each further tenth of the total, the
 * end, and otherwise at most every `everyMs` (a stream whose total is small or unknown still shows signs of life).
 */
export class ProgressLogPacer {
  private lastAt: number | undefined;
  private lastTenth = -1;

  constructor(private readonly everyMs = 5000) {}

  shouldLog(applied: number, total: number | null, nowMs: number): boolean {
    const tenth = total ? Math.floor((Math.min(applied, total) * 10) / total) : 0;
    const due =
      this.lastAt === undefined || tenth > this.lastTenth || (total !== null && applied >= total) || nowMs - this.lastAt >= this.everyMs;
    if (!due) return false;
    this.lastAt = nowMs;
    this.lastTenth = tenth;
    return true;
  }
}
