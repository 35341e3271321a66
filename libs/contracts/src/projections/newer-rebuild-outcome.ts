import type { RebuildOutcomeView } from './projection-status.views.js';

/** The newer of two rebuild outcomes by when they finished (either may be missing). */
export function newerRebuildOutcome(a: RebuildOutcomeView | undefined, b: RebuildOutcomeView | undefined): RebuildOutcomeView | undefined {
  if (!a || !b) return a ?? b;
  return b.finishedAt > a.finishedAt ? b : a;
}
