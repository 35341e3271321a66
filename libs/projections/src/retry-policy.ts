/**
 * What to do after an event failed to apply: wait and retry it, or give up and record it. Attempts are counted per
 * stream sequence, so a different failing event starts again from one.
 */
export type RetryDecision = { kind: 'retry'; attempt: number; delayMs: number } | { kind: 'give-up'; attempts: number };

export interface RetryState {
  seq: number;
  attempts: number;
}

const MAX_DELAY_MS = 30000;

export function nextRetry(
  previous: RetryState | undefined,
  failedSeq: number,
  policy: { maxAttempts: number; retryDelayMs: number },
): { state: RetryState; decision: RetryDecision } {
  const attempts = previous?.seq === failedSeq ? previous.attempts + 1 : 1;
  const state = { seq: failedSeq, attempts };
  if (attempts >= policy.maxAttempts) return { state, decision: { kind: 'give-up', attempts } };
  const delayMs = Math.min(MAX_DELAY_MS, policy.retryDelayMs * 2 ** (attempts - 1));
  return { state, decision: { kind: 'retry', attempt: attempts, delayMs } };
}
