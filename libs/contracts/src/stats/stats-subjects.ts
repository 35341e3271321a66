/**
 * The stats-collector's bus interface and the subjects switches publish onto. `prefix` exists for tests and
 * benchmarks that share one NATS server (`t1a2b.in.vswitch.sw-1.addresses`); production uses no prefix.
 */
export function statsSubjects(prefix = '') {
  const p = prefix ? `${prefix}.` : '';
  const s = prefix ? `${prefix.toUpperCase()}_` : '';
  return {
    /** JetStream stream of everything switches publish (addresses and agent-mode counters). */
    inputStream: `${s}IN_VSWITCH`,
    inputSubjects: `${p}in.vswitch.>`,
    /** Every subject the input stream must hold; an existing stream missing one is updated, not recreated. */
    inputStreamSubjects: [`${p}in.vswitch.>`, `${p}in.inventory.*.addresses`],
    /** A switch's VM addresses: body = DomainAddressReportInput (domainId, version, entries). */
    addresses: (switchId: string) => `${p}in.vswitch.${switchId}.addresses`,
    allAddresses: `${p}in.vswitch.*.addresses`,
    /**
     * A site's VM addresses as Vorch's inventory discovered them: body = DomainAddressReportInput, with `part` when
     * the site is split over several messages (`inventoryPartSourceId`). Kept in the same input stream (listed in
     * `inputStreamSubjects`); the controller merges it with the switches' reports.
     */
    inventoryAddresses: (siteId: string) => `${p}in.inventory.${siteId}.addresses`,
    allInventoryAddresses: `${p}in.inventory.*.addresses`,
    /** A switch's per-VM per-class counters in agent mode: body = VmTrafficBatchInput. */
    stats: (switchId: string) => `${p}in.vswitch.${switchId}.stats`,
    allStats: `${p}in.vswitch.*.stats`,
    /** KV bucket the controller distributes the address map into: keys `domain.<domainId>.<shard>` (address-map-keys.ts). */
    addressMapBucket: `${s}ADDRESS_MAP`,
    /** Event stream of the per-domain address aggregates. */
    addressEvents: { stream: `${s}EVT_STATS`, subjectPrefix: `${p}evt.stats` },
    /** Counter batches (both modes) on their way to the read model. */
    counters: { stream: `${s}STATS_COUNTERS`, subjectPrefix: `${p}stats.counters` },
    vmBreakdown: `${p}qry.stats.vm-breakdown`,
    topTalkers: `${p}qry.stats.top-talkers`,
    tenantTraffic: `${p}qry.stats.tenant-traffic`,
    domainMatrix: `${p}qry.stats.domain-matrix`,
    datagramCounters: `${p}qry.stats.datagram-counters`,
  } as const;
}

export type StatsSubjects = ReturnType<typeof statsSubjects>;

/**
 * The old, unsharded KV key of a domain's whole map (written before the map was sharded). Followers still read it as
 * one layer; the controller deletes it once the domain's shards are written.
 */
export const addressMapKey = (domainId: string) => `domain.${domainId}`;

/**
 * The source id an inventory report is held under in its domain: the reserved `inventory-` prefix keeps it apart
 * from every switch (a switch may not use that prefix).
 */
export const inventorySourceId = (siteId: string) => `inventory-${siteId}`;
export const INVENTORY_SOURCE_PREFIX = 'inventory-';

/** Separates a site's source id from a part's suffix; refused in the site id itself, so the suffix is unambiguous. */
export const INVENTORY_PART_SEPARATOR = '#';

/**
 * The source id one part of a site's report is held under: the site's own (`inventory-<siteId>`) for a report in
 * one part, else `inventory-<siteId>#<index>/<count>`. The count is in the id so that a report split differently
 * never overwrites a part of the old split: the old split keeps claiming its VMs until the new one is complete.
 */
export const inventoryPartSourceId = (siteSourceId: string, index: number, count: number) =>
  count === 1 ? siteSourceId : `${siteSourceId}${INVENTORY_PART_SEPARATOR}${index}/${count}`;

/** Whether a held source is the site's: its single-part source or a part of any split. */
export const isSourceOfInventorySite = (sourceId: string, siteSourceId: string) =>
  sourceId === siteSourceId || sourceId.startsWith(`${siteSourceId}${INVENTORY_PART_SEPARATOR}`);
