import type { EntityManager } from 'typeorm';
import type { DegradedReason, ExistingNetwork, SiteRole, SiteStitch, StitchingStateValue } from '#vorch/stitching-domain';
import { overallState } from './network-overall-state.js';

/**
 * One network of the read model as the projection folds it: the aggregate's own state (so the domain's evolve
 * decides every transition, and the read model can never disagree with the write side) plus what only the
 * envelopes carry (tenant, times, stream position).
 */
export interface NetworkRecord {
  tenantId: string;
  state: ExistingNetwork;
  createdAt: string;
  updatedAt: string;
  lastSeq: number;
  /** When each site's side last changed. */
  siteUpdatedAt: Map<string, string>;
}

export interface NetworkRow {
  id: string;
  tenant_id: string;
  name: string;
  home_site: string;
  subnets: ExistingNetwork['identity']['subnets'];
  segmentation_type: ExistingNetwork['identity']['segmentation']['type'];
  segmentation_id: number;
  mtu: number;
  route_targets: ExistingNetwork['identity']['routeTargets'];
  status: ExistingNetwork['status'];
  created_at: Date;
  updated_at: Date;
  last_seq: string;
}

export interface SiteRow {
  network_id: string;
  site: string;
  position: number;
  role: SiteRole;
  state: StitchingStateValue;
  vim_network_id: string | null;
  degraded_reason: DegradedReason | null;
  failure: string | null;
  retry_attempt: number | null;
  retry_next_at: Date | null;
  retry_last_error: string | null;
  updated_at: Date;
}

/** A site row back into the aggregate's shape: absent optional fields stay absent, as evolve leaves them. */
function siteStitch(r: SiteRow): SiteStitch {
  const s: SiteStitch = { site: r.site, role: r.role, state: r.state };
  if (r.vim_network_id !== null) s.vimNetworkId = r.vim_network_id;
  if (r.degraded_reason !== null) s.degradedReason = r.degraded_reason;
  if (r.failure !== null) s.failure = r.failure;
  if (r.retry_attempt !== null) s.retry = { attempt: r.retry_attempt, nextAttemptAt: r.retry_next_at!.toISOString(), lastError: r.retry_last_error ?? '' };
  return s;
}

export function networkRecord(n: NetworkRow, sites: SiteRow[]): NetworkRecord {
  return {
    tenantId: n.tenant_id,
    state: {
      status: n.status,
      identity: {
        networkId: n.id,
        name: n.name,
        homeSite: n.home_site,
        segmentation: { type: n.segmentation_type, id: n.segmentation_id },
        subnets: n.subnets,
        mtu: n.mtu,
        routeTargets: n.route_targets,
      },
      sites: sites.map(siteStitch),
    },
    createdAt: n.created_at.toISOString(),
    updatedAt: n.updated_at.toISOString(),
    lastSeq: Number(n.last_seq),
    siteUpdatedAt: new Map(sites.map((s) => [s.site, s.updated_at.toISOString()])),
  };
}

/** Reads networks with their sites (in their order), by id: two queries whatever the number. */
export async function loadNetworkRecords(db: Pick<EntityManager, 'query'>, ids: readonly string[]): Promise<Map<string, NetworkRecord>> {
  if (ids.length === 0) return new Map();
  const networks: NetworkRow[] = await db.query('select * from networks where id = any($1)', [ids]);
  const sites: SiteRow[] = await db.query('select * from network_sites where network_id = any($1) order by network_id, position', [ids]);
  return new Map(networks.map((n) => [n.id, networkRecord(n, sites.filter((s) => s.network_id === n.id))]));
}

/** Writes the networks the batch touched: one upsert per network, one for all their sites. */
export async function saveNetworkRecords(db: EntityManager, records: readonly NetworkRecord[]): Promise<void> {
  for (const r of records) {
    const { identity } = r.state;
    await db.query(
      `insert into networks (id, tenant_id, name, home_site, cidrs, subnets, segmentation_type, segmentation_id, mtu, gateways,
         route_targets, status, state, created_at, updated_at, last_seq)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       on conflict (id) do update set status = excluded.status, state = excluded.state, updated_at = excluded.updated_at,
         last_seq = excluded.last_seq`,
      [
        identity.networkId,
        r.tenantId,
        identity.name,
        identity.homeSite,
        identity.subnets.map((s) => s.cidr),
        JSON.stringify(identity.subnets),
        identity.segmentation.type,
        identity.segmentation.id,
        identity.mtu,
        identity.subnets.flatMap((s) => (s.gateway ? [s.gateway] : [])),
        JSON.stringify(identity.routeTargets),
        r.state.status,
        overallState(r.state),
        r.createdAt,
        r.updatedAt,
        r.lastSeq,
      ],
    );
  }
  const sites = records.flatMap((r) => r.state.sites.map((s, position) => ({ networkId: r.state.identity.networkId, s, position, at: r.siteUpdatedAt.get(s.site) ?? r.updatedAt })));
  if (sites.length === 0) return;
  const column = <T>(pick: (x: (typeof sites)[number]) => T) => sites.map(pick);
  await db.query(
    `insert into network_sites (network_id, site, position, role, state, vim_network_id, degraded_reason, failure,
       retry_attempt, retry_next_at, retry_last_error, updated_at)
     select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::int[], $10::timestamptz[], $11::text[], $12::timestamptz[])
     on conflict (network_id, site) do update set position = excluded.position, role = excluded.role, state = excluded.state,
       vim_network_id = excluded.vim_network_id, degraded_reason = excluded.degraded_reason, failure = excluded.failure,
       retry_attempt = excluded.retry_attempt, retry_next_at = excluded.retry_next_at,
       retry_last_error = excluded.retry_last_error, updated_at = excluded.updated_at`,
    [
      column((x) => x.networkId),
      column((x) => x.s.site),
      column((x) => x.position),
      column((x) => x.s.role),
      column((x) => x.s.state),
      column((x) => x.s.vimNetworkId ?? null),
      column((x) => x.s.degradedReason ?? null),
      column((x) => x.s.failure ?? null),
      column((x) => x.s.retry?.attempt ?? null),
      column((x) => x.s.retry?.nextAttemptAt ?? null),
      column((x) => x.s.retry?.lastError ?? null),
      column((x) => x.at),
    ],
  );
}
