import type { EntityManager } from 'typeorm';

/**
 * The read model of the stitching context, rebuilt from EVT_STITCHING by NetworksProjection. Columns, not a JSON
 * copy of the aggregate, so lists can filter and page with indexes; network_sites keeps the sites' order
 * (`position`: home first, then in the order they joined), which the views show.
 */
const DDL = [
  `create table if not exists networks (
     id text primary key,
     tenant_id text not null,
     name text not null,
     home_site text not null,
     cidrs text[] not null,
     subnets jsonb not null,
     segmentation_type text not null,
     segmentation_id integer not null,
     mtu integer not null,
     gateways text[] not null,
     route_targets jsonb not null,
     status text not null,
     state text not null,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     last_seq bigint not null
   )`,
  // every list is one tenant's, in id order (keyset pages)
  `create index if not exists networks_tenant on networks (tenant_id, id)`,
  `create index if not exists networks_tenant_name on networks (tenant_id, name)`,
  `create table if not exists network_sites (
     network_id text not null,
     site text not null,
     position integer not null,
     role text not null,
     state text not null,
     vim_network_id text,
     degraded_reason text,
     failure text,
     retry_attempt integer,
     retry_next_at timestamptz,
     retry_last_error text,
     updated_at timestamptz not null,
     primary key (network_id, site)
   )`,
  // "networks with a side on site X"
  `create index if not exists network_sites_site on network_sites (site, network_id)`,
  `create table if not exists network_ports (
     port_id text primary key,
     network_id text not null,
     site text not null,
     name text not null,
     mac text not null,
     ips text[] not null,
     vim_port_id text not null,
     home_vim_port_id text not null,
     created_at timestamptz not null
   )`,
  `create index if not exists network_ports_network on network_ports (network_id, port_id)`,
];

export async function createNetworkSchema(db: EntityManager): Promise<void> {
  for (const statement of DDL) await db.query(statement);
}

export async function emptyNetworkSchema(db: EntityManager): Promise<void> {
  await db.query('truncate networks, network_sites, network_ports');
}
