import { DriverTimeoutError, type VimFault } from '../driver-errors.js';
import { abortableSleep } from './abortable-sleep.js';

export interface TaskWait {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Names the task in the timeout error: "migration of vm-12". */
  what: string;
  fault: VimFault;
}

/**
 * Polls `check` until it returns a value (not undefined). `check` throws to end the wait with a failure
 * (DriverTaskFailedError for a task in error). Ends with DriverTimeoutError after timeoutMs.
 */
export async function waitForTask<T>(check: () => Promise<T | undefined>, w: TaskWait): Promise<T> {
  const deadline = Date.now() + w.timeoutMs;
  for (;;) {
    const done = await check();
    if (done !== undefined) return done;
    if (Date.now() >= deadline) {
      throw new DriverTimeoutError(`${w.what} did not finish within ${w.timeoutMs} ms`, { ...w.fault, timeoutMs: w.timeoutMs });
    }
    await abortableSleep(Math.min(w.intervalMs, Math.max(0, deadline - Date.now())), w.signal);
  }
}
