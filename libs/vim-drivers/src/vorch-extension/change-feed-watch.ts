import { abortableSleep } from '../async/abortable-sleep.js';
import { DriverError, DriverWatchExpiredError } from '../driver-errors.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { ResourceChange } from '../inventory.js';
import { toResourceChange } from './extension-mapping.js';
import type { ExtChangePage } from './extension-wire.js';

const PAGE = 1000;

export interface ChangeFeedWatch {
  since?: string;
  intervalMs: number;
  signal?: AbortSignal;
}

/**
 * Follows a site's change feed (`/vorch/v1/changes`) for dialects with no watch of their own: polls every
 * intervalMs, and reads page after page without pausing while it is behind. Ends quietly when the signal aborts;
 * a `since` the site has forgotten ends it with DriverWatchExpiredError (re-list, then watch from now).
 */
export async function* changeFeedWatch(http: DialectHttpClient, w: ChangeFeedWatch): AsyncGenerator<ResourceChange> {
  const fetchPage = async (since: number, limit: number): Promise<ExtChangePage | undefined> => {
    try {
      return await http.json<ExtChangePage>({ method: 'GET', path: '/vorch/v1/changes', query: { since, limit }, signal: w.signal });
    } catch (err) {
      if (w.signal?.aborted) return undefined;
      if (err instanceof DriverError && err.fault.httpStatus === 410) {
        throw new DriverWatchExpiredError(`${http.endpoint} no longer holds changes after ${since}`, err.fault);
      }
      throw err;
    }
  };

  let since: number;
  if (w.since !== undefined) {
    since = Number(w.since);
  } else {
    const probe = await fetchPage(0, 1);
    if (!probe) return;
    since = probe.latest;
  }
  while (!w.signal?.aborted) {
    const page = await fetchPage(since, PAGE);
    if (!page) return;
    for (const item of page.items) {
      const change = toResourceChange(item);
      if (change) yield change;
    }
    since = page.next_since;
    if (page.items.length < PAGE) {
      try {
        await abortableSleep(w.intervalMs, w.signal);
      } catch {
        return;
      }
    }
  }
}

/** The feed's latest sequence, which every page carries; a one-item page is the cheapest way to read it. */
export async function latestChange(http: DialectHttpClient, signal?: AbortSignal): Promise<string> {
  const page = await http.json<ExtChangePage>({ method: 'GET', path: '/vorch/v1/changes', query: { since: 0, limit: 1 }, signal });
  return String(page.latest);
}
