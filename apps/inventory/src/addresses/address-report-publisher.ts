import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { inventoryPartSourceId, inventorySourceId, type StatsSubjects } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import type { SiteCommands } from '../commands/site-commands.js';
import type { InventoryQueries } from '../queries/inventory-queries.js';
import { siteAddressReport } from './site-address-report.js';
import { partsToSend, splitSiteAddressEntries, type SentSiteParts } from './site-address-report-parts.js';

const log = createLogger('inventory.addresses');
const MAX_RETRY_MS = 60_000;

/**
 * Publishes each site's VM addresses for the stats-collector's address map (`in.inventory.<siteId>.addresses`).
 * The report is built from the site aggregate and the read model caught up to it, and carries the aggregate's
 * version: the same version always means the same facts, so a re-publish after a restart is recognised as a
 * duplicate and a report can never take the map back to an older state. A report the bus does not take (the
 * collector's stream not there yet, NATS away) is retried with backoff; only the newest state is ever sent.
 *
 * A site too big for one message is split by VM into parts (site-address-report-parts.ts), published in index order,
 * each its own source at the collector. Only parts that changed are re-sent; when the count changes every part is
 * sent, since the new split is a new set of sources and the collector drops the old split once the new is complete.
 */
export class AddressReportPublisher {
  private readonly js: JetStreamClient;
  /** Per site, the publish in progress: publishes of one site run one after another. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly retries = new Map<string, { timer: NodeJS.Timeout; failures: number }>();
  /** What each site's last accepted parts held, so an unchanged part is not re-sent after every walk. */
  private readonly sent = new Map<string, SentSiteParts>();
  private stopped = false;

  constructor(
    nc: NatsConnection,
    private readonly subjects: StatsSubjects,
    private readonly commands: SiteCommands,
    private readonly queries: InventoryQueries,
    private readonly waitForSeq: (seq: number) => Promise<void>,
  ) {
    this.js = jetstream(nc);
  }

  /** Publishes the site's current addresses; never rejects (a failure is logged and retried). */
  publish(siteId: string): Promise<void> {
    const previous = this.chains.get(siteId) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(siteId));
    this.chains.set(siteId, next);
    void next.finally(() => {
      if (this.chains.get(siteId) === next) this.chains.delete(siteId);
    });
    return next;
  }

  /**
   * At start: what a previous process recorded but may not have published (it may have died in between). Resolves
   * when every site's publish has been tried; never rejects.
   */
  async publishAll(): Promise<void> {
    try {
      await Promise.all((await this.queries.siteIds()).map((siteId) => this.publish(siteId)));
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'sites to publish addresses for could not be listed; each is published at its next walk');
    }
  }

  stop(): void {
    this.stopped = true;
    for (const r of this.retries.values()) clearTimeout(r.timer);
    this.retries.clear();
  }

  private async attempt(siteId: string): Promise<void> {
    if (this.stopped) return;
    try {
      // 1. the site at a version, and the read model holding at least everything up to it
      const { state, version, seq } = await this.commands.load(siteId);
      if (state.status === 'absent') return;
      await this.waitForSeq(seq);
      // 2. a deregistered site reports nothing, so its VMs leave the map
      const vms = state.status === 'deregistered' ? [] : await this.queries.siteVms(siteId);
      const report = siteAddressReport({ domain: state.domain, tenantId: state.tenantId }, version, vms);
      const previous = this.sent.get(siteId);
      const parts = splitSiteAddressEntries(report.domainId, report.entries, previous?.count);
      const changed = partsToSend(parts, previous);
      if (changed.length === 0) return this.succeeded(siteId);
      // 3. in index order, so the last part (which completes a new split at the collector) goes last; what each
      //    accepted part held is kept as it goes, so a retry after a failure sends only the rest. The message id
      //    makes a re-publish of the same part at the same version a duplicate the stream drops.
      const sent: SentSiteParts = previous?.count === parts.length ? previous : { count: parts.length, contents: [] };
      this.sent.set(siteId, sent);
      for (const part of changed) {
        const body = { domainId: report.domainId, version: report.version, entries: part.entries };
        await this.js.publish(
          this.subjects.inventoryAddresses(siteId),
          JSON.stringify(part.count === 1 ? body : { ...body, part: { index: part.index, count: part.count } }),
          { msgID: `${inventoryPartSourceId(inventorySourceId(siteId), part.index, part.count)}:${report.version}` },
        );
        sent.contents[part.index] = part.content;
      }
      this.succeeded(siteId);
      log.info({
        siteId, domainId: report.domainId, version, entries: report.entries.length, skipped: report.skipped, parts: parts.length, partsSent: changed.length,
      }, 'site addresses published');
    } catch (err) {
      this.retryLater(siteId, err);
    }
  }

  private succeeded(siteId: string): void {
    clearTimeout(this.retries.get(siteId)?.timer);
    this.retries.delete(siteId);
  }

  private retryLater(siteId: string, err: unknown): void {
    if (this.stopped) return;
    const failures = (this.retries.get(siteId)?.failures ?? 0) + 1;
    clearTimeout(this.retries.get(siteId)?.timer);
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** (failures - 1));
    log.warn({ siteId, err: (err as Error).message, delayMs: delay }, 'site addresses not published; will retry');
    const timer = setTimeout(() => void this.publish(siteId), delay);
    timer.unref();
    this.retries.set(siteId, { timer, failures });
  }
}
