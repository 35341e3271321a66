import type { DataSource } from 'typeorm';
import {
  NotFoundError,
  ValidationError,
  type CapacityInput,
  type CapacityView,
  type HostView,
  type ListHostsInput,
  type ListSitesInput,
  type ListStorageInput,
  type Paged,
  type SiteView,
  type StorageView,
} from '#vorch/contracts';
import type { VmRecord } from '../addresses/site-address-report.js';

interface SiteRow {
  id: string;
  name: string;
  dialect: string;
  endpoint: string;
  domain: string;
  status: SiteView['status'];
  last_error: string | null;
  resource_count: string;
  run_id: string | null;
  resources_seen: number;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface ResourceRow {
  site_id: string;
  external_id: string;
  name: string;
  attributes: Record<string, unknown>;
}

const DEFAULT_LIMIT = 100;

/** Keyset cursors: the last row's key, base64url; opaque to callers. */
function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string | undefined, size: number): string[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === size && parts.every((p) => typeof p === 'string')) return parts as string[];
  } catch {
    /* reported below */
  }
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}

function toSiteView(r: SiteRow): SiteView {
  return {
    id: r.id,
    name: r.name,
    dialect: r.dialect,
    endpoint: r.endpoint,
    domain: r.domain,
    status: r.status,
    lastError: r.last_error,
    resourceCount: Number(r.resource_count),
    discovery: { runId: r.run_id, resourcesSeen: r.resources_seen, completedAt: r.completed_at?.toISOString() ?? null },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const SITE_COLUMNS = `s.*, (select count(*) from inv_resources r where r.site_id = s.id) as resource_count`;

/** Every query is scoped to the caller's tenant: another tenant's site is indistinguishable from a missing one. */
export class InventoryQueries {
  constructor(private readonly db: DataSource) {}

  async getSite(tenantId: string, id: string): Promise<SiteView> {
    const rows: SiteRow[] = await this.db.query(`select ${SITE_COLUMNS} from inv_sites s where s.tenant_id=$1 and s.id=$2`, [tenantId, id]);
    if (!rows[0]) throw new NotFoundError('site', id);
    return toSiteView(rows[0]);
  }

  async listSites(tenantId: string, q: ListSitesInput): Promise<Paged<SiteView>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(q.cursor, 1);
    const rows: SiteRow[] = await this.db.query(
      `select ${SITE_COLUMNS} from inv_sites s
       where s.tenant_id=$1 and ($2::text is null or s.id > $2) and ($3::text is null or s.status=$3) and ($4::text is null or s.dialect=$4)
       order by s.id limit $5`,
      [tenantId, after?.[0] ?? null, q.status ?? null, q.dialect ?? null, limit + 1],
    );
    return page(rows.map(toSiteView), limit, (s) => [s.id]);
  }

  async listHosts(tenantId: string, q: ListHostsInput): Promise<Paged<HostView>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(q.cursor, 2);
    const rows: ResourceRow[] = await this.db.query(
      `select site_id, external_id, name, attributes from inv_resources
       where tenant_id=$1 and kind='host'
         and ($2::text is null or site_id=$2)
         and ($3::text is null or (site_id, external_id) > ($3, $4::text))
         and ($5::text is null or attributes->'cpuFeatures' ? $5)
         and ($6::text is null or attributes->>'failureDomain' = $6)
         and ($7::text is null or attributes->>'state' = $7)
         and ($8::int is null or (attributes->>'memoryMb')::int >= $8)
         and ($9::int is null or (select coalesce(sum((g->>'count')::int), 0) from jsonb_array_elements(attributes->'gpus') g) >= $9)
       order by site_id, external_id limit $10`,
      [tenantId, q.siteId ?? null, after?.[0] ?? null, after?.[1] ?? null, q.cpuFeature ?? null, q.failureDomain ?? null, q.state ?? null, q.minMemoryMb ?? null, q.minGpus ?? null, limit + 1],
    );
    return page(rows.map(toHostView), limit, (h) => [h.siteId, h.id]);
  }

  async listStorage(tenantId: string, q: ListStorageInput): Promise<Paged<StorageView>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(q.cursor, 2);
    const rows: ResourceRow[] = await this.db.query(
      `select site_id, external_id, name, attributes from inv_resources
       where tenant_id=$1 and kind='storage' and ($2::text is null or site_id=$2)
         and ($3::text is null or (site_id, external_id) > ($3, $4::text))
         and ($5::text is null or attributes->'replication' ? $5)
       order by site_id, external_id limit $6`,
      [tenantId, q.siteId ?? null, after?.[0] ?? null, after?.[1] ?? null, q.replication ?? null, limit + 1],
    );
    return page(rows.map(toStorageView), limit, (s) => [s.siteId, s.id]);
  }

  async capacity(tenantId: string, q: CapacityInput): Promise<CapacityView> {
    const [row] = await this.db.query(
      `select
         count(*) filter (where kind='host') as hosts,
         count(*) filter (where kind='host' and attributes->>'state'='up') as hosts_up,
         coalesce(sum((attributes->>'cpuCores')::int) filter (where kind='host'), 0) as cpu_cores,
         coalesce(sum((attributes->>'memoryMb')::bigint) filter (where kind='host'), 0) as memory_mb,
         coalesce(sum((select coalesce(sum((g->>'count')::int), 0) from jsonb_array_elements(attributes->'gpus') g)) filter (where kind='host'), 0) as gpus,
         coalesce(sum((attributes->>'capacityGb')::numeric) filter (where kind='storage'), 0) as storage_capacity_gb,
         coalesce(sum((attributes->>'freeGb')::numeric) filter (where kind='storage'), 0) as storage_free_gb
       from inv_resources where tenant_id=$1 and ($2::text is null or site_id=$2)`,
      [tenantId, q.siteId ?? null],
    );
    return {
      siteId: q.siteId ?? null,
      hosts: Number(row.hosts),
      hostsUp: Number(row.hosts_up),
      cpuCores: Number(row.cpu_cores),
      memoryMb: Number(row.memory_mb),
      gpus: Number(row.gpus),
      storageCapacityGb: Number(row.storage_capacity_gb),
      storageFreeGb: Number(row.storage_free_gb),
    };
  }

  /** What Vorch knows of a site now, for diffing a new walk against it. */
  /** A site's VMs as discovery recorded them (for its address report). */
  async siteVms(siteId: string): Promise<VmRecord[]> {
    return this.db.query(`select external_id as "externalId", attributes from inv_resources where site_id=$1 and kind='vm'`, [siteId]);
  }

  /** Every site the read model holds, whatever its status. */
  async siteIds(): Promise<string[]> {
    return (await this.db.query('select id from inv_sites')).map((r: { id: string }) => r.id);
  }

  async knownResources(siteId: string): Promise<Array<ResourceRow & { kind: string }>> {
    return this.db.query('select kind, site_id, external_id, name, attributes from inv_resources where site_id=$1', [siteId]);
  }

  /** The named resources of a site that Vorch knows (a targeted refresh compares only these). */
  async knownResourcesByKey(siteId: string, keys: ReadonlyArray<{ kind: string; externalId: string }>): Promise<Array<ResourceRow & { kind: string }>> {
    if (keys.length === 0) return [];
    return this.db.query(
      `select kind, site_id, external_id, name, attributes from inv_resources
        where site_id=$1 and (kind, external_id) in (select * from unnest($2::text[], $3::text[]))`,
      [siteId, keys.map((k) => k.kind), keys.map((k) => k.externalId)],
    );
  }

  async knownResourcesOfKind(siteId: string, kind: string): Promise<Array<ResourceRow & { kind: string }>> {
    return this.db.query('select kind, site_id, external_id, name, attributes from inv_resources where site_id=$1 and kind=$2', [siteId, kind]);
  }

  /** VMs Vorch last saw holding any of these ports: where a deleted port was plugged in. */
  async vmIdsHoldingPorts(siteId: string, portIds: readonly string[]): Promise<string[]> {
    if (portIds.length === 0) return [];
    const rows: Array<{ external_id: string }> = await this.db.query(
      `select external_id from inv_resources
        where site_id=$1 and kind='vm' and exists (select 1 from jsonb_array_elements(attributes->'ports') p where p->>'id' = any($2::text[]))`,
      [siteId, [...portIds]],
    );
    return rows.map((r) => r.external_id);
  }
}

function page<T>(items: T[], limit: number, key: (t: T) => string[]): Paged<T> {
  const more = items.length > limit;
  const shown = items.slice(0, limit);
  return { items: shown, next: more && shown.length ? encodeCursor(key(shown[shown.length - 1]!)) : null };
}

function toHostView(r: ResourceRow): HostView {
  const a = r.attributes as {
    cpuCores: number;
    memoryMb: number;
    gpus: Array<{ model: string; count: number }>;
    hypervisorType: string;
    hypervisorVersion: string;
    cpuFeatures: string[];
    failureDomain: string;
    state: string;
  };
  return {
    siteId: r.site_id,
    id: r.external_id,
    name: r.name,
    cpuCores: a.cpuCores,
    memoryMb: a.memoryMb,
    gpus: a.gpus.reduce((n, g) => n + g.count, 0),
    gpuModels: a.gpus.map((g) => g.model),
    hypervisorType: a.hypervisorType,
    hypervisorVersion: a.hypervisorVersion,
    cpuFeatures: a.cpuFeatures,
    failureDomain: a.failureDomain,
    state: a.state,
  };
}

function toStorageView(r: ResourceRow): StorageView {
  const a = r.attributes as { type: string; capacityGb: number; freeGb: number; replication: string[]; reachableFrom: string[] };
  return { siteId: r.site_id, id: r.external_id, name: r.name, type: a.type, capacityGb: a.capacityGb, freeGb: a.freeGb, replication: a.replication, hostIds: a.reachableFrom };
}
