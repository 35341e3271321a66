import { createLogger } from '#vorch/telemetry';
import type { ResourceChange, VimDriver } from '#vorch/vim-drivers';
import { mergePending } from './refresh-plan.js';

const log = createLogger('inventory.watch');
/** How long entries are gathered into one burst, from the first of them. */
const GATHER_MS = 500;
const MAX_BACKOFF_MS = 60_000;

/**
 * Follows a site's change feed and hands on each burst of entries (gathered for half a second from its first) shortly after it, so
 * drift made behind Vorch's back shows within seconds rather than at the next periodic re-discovery. The entries
 * only say what to read again; reading the VIM, not the feed, decides what changed: feeds differ per dialect and
 * may repeat or merge changes. 'missed' means the feed lost its position and only a walk can cover the gap.
 */
export class SiteWatcher {
  private readonly abort = new AbortController();
  private gathering: NodeJS.Timeout | undefined;
  private burst: ResourceChange[] | 'missed' | undefined;

  constructor(
    private readonly siteId: string,
    /** Asked again at every reconnect, so a rotated credential or a moved endpoint is picked up. */
    private readonly driver: () => Promise<VimDriver>,
    private readonly onChange: (changes: ResourceChange[] | 'missed') => void,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.abort.abort();
    clearTimeout(this.gathering);
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
          this.changed([change]);
        }
      } catch (err) {
        if (this.abort.signal.aborted) return;
        failures++;
        // An expired position means changes were missed: start from now, and re-walk to cover the gap.
        if ((err as { code?: string }).code === 'DRIVER.WATCH_EXPIRED') {
          since = undefined;
          this.changed('missed');
        }
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 7));
        log.warn({ siteId: this.siteId, err: (err as Error).message, delayMs: delay }, 'site watch interrupted; reconnecting');
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  /**
   * The timer starts with a burst's first entry and is not pushed back by later ones: a site that never stops
   * changing is still read back every GATHER_MS, instead of waiting for a quiet second that never comes.
   */
  private changed(changes: ResourceChange[] | 'missed'): void {
    this.burst = mergePending(this.burst, changes);
    if (this.gathering) return;
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      const burst = this.burst;
      this.burst = undefined;
      if (burst !== undefined) this.onChange(burst);
    }, GATHER_MS);
    this.gathering.unref();
  }
}
