/**
 * An event the projection could not apply (apply threw or the message is not a commit). Carries the position so
 * the runner can retry exactly that event and, in the end, record it in projection_failures.
 */
export class ApplyFailure extends Error {
  constructor(
    readonly seq: number,
    readonly subject: string,
    override readonly cause: unknown,
    /** Last sequence of the batch when the failing event is not known yet (applyBatch threw on several messages). */
    readonly unisolatedUntil?: number,
  ) {
    super(`apply failed at stream sequence ${seq} (${subject}): ${describeError(cause)}`);
    this.name = 'ApplyFailure';
  }
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
