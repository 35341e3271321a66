import type { Dialect } from './site.events.js';
import type { InventoryDiff } from './inventory-diff.js';

export type SiteCommand =
  | { type: 'RegisterSite'; siteId: string; tenantId: string; name: string; dialect: Dialect; endpoint: string; domain: string; sealedCredentials: string }
  | { type: 'RotateCredentials'; sealedCredentials: string }
  | { type: 'StartDiscovery'; runId: string }
  /** One walked page (or one watch batch when runId is null) after diffing it against what Vorch knows. */
  | { type: 'RecordInventory'; runId: string | null; diff: InventoryDiff; cursor: string | null }
  | { type: 'CompleteDiscovery'; runId: string }
  | { type: 'MarkUnreachable'; runId: string; reason: string }
  | { type: 'DeregisterSite' };
