import type { EntityManager } from 'typeorm';
import { INVENTORY_EVENTS, type EventEnvelope } from '#vorch/contracts';
import type { Projection } from '#vorch/projections';
import type { SiteEvent } from '#vorch/inventory-domain';

/**
 * Read models of the inventory context: sites (never their credentials), every discovered resource, and a
 * log of drift. Tables are created on start; the whole model can be dropped and rebuilt from the events.
 */
export class InventoryProjection implements Projection {
  readonly name = 'inventory_read_model';
  readonly stream = INVENTORY_EVENTS.stream;
  readonly filterSubject = `${INVENTORY_EVENTS.subjectPrefix}.>`;

  async setup(db: EntityManager): Promise<void> {
    await db.query(`
      create table if not exists inv_sites (
        id text primary key, tenant_id text not null, name text not null, dialect text not null, endpoint text not null,
        domain text not null, status text not null, last_error text,
        run_id text, resources_seen int not null default 0, completed_at timestamptz,
        created_at timestamptz not null, updated_at timestamptz not null, last_seq bigint not null default 0);
      create index if not exists inv_sites_tenant on inv_sites (tenant_id, id);
      create table if not exists inv_resources (
        site_id text not null, kind text not null, external_id text not null, tenant_id text not null, name text not null,
        attributes jsonb not null, updated_at timestamptz not null, primary key (site_id, kind, external_id));
      create index if not exists inv_resources_tenant_kind on inv_resources (tenant_id, kind, site_id, external_id);
      create index if not exists inv_resources_features on inv_resources using gin ((attributes -> 'cpuFeatures'));
      create table if not exists inv_drift (
        seq bigint not null, idx int not null, site_id text not null, tenant_id text not null, kind text not null,
        external_id text not null, change text not null, changes jsonb not null, occurred_at timestamptz not null,
        primary key (seq, idx));
      create index if not exists inv_drift_site on inv_drift (site_id, occurred_at desc);
    `);
  }

  async reset(db: EntityManager): Promise<void> {
    await db.query('truncate inv_sites, inv_resources, inv_drift');
  }

  async apply(envelope: EventEnvelope, db: EntityManager, position: { seq: number }): Promise<void> {
    const e = envelope as unknown as SiteEvent & EventEnvelope;
    const at = envelope.occurredAt;
    const siteId = envelope.aggregateId;
    switch (e.type) {
      case 'SiteRegistered':
        await db.query(
          `insert into inv_sites (id, tenant_id, name, dialect, endpoint, domain, status, created_at, updated_at, last_seq)
           values ($1,$2,$3,$4,$5,$6,'registered',$7,$7,$8)
           on conflict (id) do update set name=$3, dialect=$4, endpoint=$5, domain=$6, status='registered', last_error=null,
             run_id=null, resources_seen=0, completed_at=null, updated_at=$7, last_seq=$8`,
          [siteId, envelope.tenantId, e.data.name, e.data.dialect, e.data.endpoint, e.data.domain, at, position.seq],
        );
        return;
      case 'SiteCredentialsRotated':
        await db.query('update inv_sites set updated_at=$2, last_seq=$3 where id=$1', [siteId, at, position.seq]);
        return;
      case 'DiscoveryStarted':
        await db.query(
          `update inv_sites set status='discovering', run_id=$2, resources_seen=0, last_error=null, updated_at=$3, last_seq=$4 where id=$1`,
          [siteId, e.data.runId, at, position.seq],
        );
        return;
      case 'DiscoveryProgressed':
        await db.query(`update inv_sites set resources_seen=$2, updated_at=$3, last_seq=$4 where id=$1`, [siteId, e.data.resourcesSeen, at, position.seq]);
        return;
      case 'ResourceDiscovered':
      case 'ResourceChanged': {
        const r = e.data.resource;
        await db.query(
          `insert into inv_resources (site_id, kind, external_id, tenant_id, name, attributes, updated_at) values ($1,$2,$3,$4,$5,$6,$7)
           on conflict (site_id, kind, external_id) do update set name=$5, attributes=$6, updated_at=$7`,
          [siteId, r.kind, r.externalId, envelope.tenantId, r.name, JSON.stringify(r.attributes), at],
        );
        return;
      }
      case 'ResourceGone':
        await db.query(`delete from inv_resources where site_id=$1 and kind=$2 and external_id=$3`, [siteId, e.data.kind, e.data.externalId]);
        return;
      case 'InventoryResourceDiscovered':
        return;
      case 'DriftDetected':
        await db.query(
          `insert into inv_drift (seq, idx, site_id, tenant_id, kind, external_id, change, changes, occurred_at)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict do nothing`,
          [position.seq, envelope.version, siteId, envelope.tenantId, e.data.kind, e.data.externalId, e.data.change, JSON.stringify(e.data.changes), at],
        );
        return;
      case 'DiscoveryCompleted':
        await db.query(
          `update inv_sites set status='ready', run_id=null, completed_at=$2, updated_at=$2, last_seq=$3 where id=$1`,
          [siteId, at, position.seq],
        );
        return;
      case 'SiteUnreachable':
        await db.query(`update inv_sites set status='unreachable', run_id=null, last_error=$2, updated_at=$3, last_seq=$4 where id=$1`, [
          siteId,
          e.data.reason,
          at,
          position.seq,
        ]);
        return;
      case 'SiteDeregistered':
        await db.query('delete from inv_resources where site_id=$1', [siteId]);
        await db.query('delete from inv_sites where id=$1', [siteId]);
        return;
      default: {
        const never: never = e;
        void never;
      }
    }
  }
}
