import { createLogger } from '#vorch/telemetry';
import type { VimDriver } from '#vorch/vim-drivers';

const log = createLogger('inventory.watch');
const DEBOUNCE_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Follows a site's change feed and asks for a re-walk shortly after anything changes, so drift made behind
 * Vorch's back shows within seconds rather than at the next periodic re-discovery. The re-walk, not the feed,
 * decides what changed: feeds differ per dialect and may repeat or merge changes.
 */
export class SiteWatcher {
  private readonly abort = new AbortController();
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    private readonly siteId: string,
    /** Asked again at every reconnect, so a rotated credential or a moved endpoint is picked up. */
    private readonly driver: () => Promise<VimDriver>,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.abort.abort();
    clearTimeout(this.debounce);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let since: string | undefined;
    while (!this.abort.signal.aborted) {
      try {
        const driver = await this.driver();
        since ??= await driver.currentResourceVersion({ signal: this.abort.signal });
        for await (const change of driver.watchChanges({ since, signal: this.abort.signal })) {
          since = change.resourceVersion;
          failures = 0;
          this.changed();
        }
      } catch (err) {
        if (this.abort.signal.aborted) return;
        failures++;
        // An expired position means changes were missed: start from now, and re-walk to cover the gap.
        if ((err as { code?: string }).code === 'DRIVER.WATCH_EXPIRED') {
          since = undefined;
          this.changed();
        }
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 7));
        log.warn({ siteId: this.siteId, err: (err as Error).message, delayMs: delay }, 'site watch interrupted; reconnecting');
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  private changed(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(this.onChange, DEBOUNCE_MS);
    this.debounce.unref();
  }
}
