import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { NotFoundError, type ListNetworksInput, type ListPortsQuery, type NetworkView, type Paged, type PortView } from '#vorch/contracts';
import { PROJECTIONS_DB } from '#vorch/projections';
import { networkView } from '../stitching/network-view.js';
import { networkRecord, type NetworkRow, type SiteRow } from './network-record.js';
import { decodeCursor, page } from './page-cursor.js';

const DEFAULT_LIMIT = 100;

interface PortRow {
  port_id: string;
  network_id: string;
  site: string;
  name: string;
  mac: string;
  ips: string[];
  vim_port_id: string;
  home_vim_port_id: string;
}

/**
 * Networks and ports from the read model, in the shapes the commands answer with. Every query is scoped to the
 * caller's tenant: another tenant's network is "not found", exactly like a missing one.
 */
@Injectable()
export class NetworkQueries {
  constructor(@Inject(PROJECTIONS_DB) private readonly db: DataSource) {}

  async get(tenantId: string, id: string): Promise<NetworkView> {
    const [row]: NetworkRow[] = await this.db.query('select * from networks where tenant_id = $1 and id = $2', [tenantId, id]);
    if (!row) throw new NotFoundError('Network', id);
    return (await this.views([row]))[0]!;
  }

  /** Deleted networks are left out unless `state=deleted` asks for them. */
  async list(tenantId: string, q: ListNetworksInput): Promise<Paged<NetworkView>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(q.cursor, 1);
    const rows: NetworkRow[] = await this.db.query(
      `select n.* from networks n
       where n.tenant_id = $1
         and ($2::text is null or n.id > $2)
         and ($3::text is null or n.name = $3)
         and ($4::text is null or n.home_site = $4)
         and (case when $5::text is null then n.status <> 'deleted' else n.state = $5 end)
         and ($6::text is null or exists (
           select 1 from network_sites s where s.network_id = n.id and s.site = $6 and s.state <> 'torn-down'))
       order by n.id limit $7`,
      [tenantId, after?.[0] ?? null, q.name ?? null, q.homeSite ?? null, q.state ?? null, q.site ?? null, limit + 1],
    );
    const { items, next } = page(rows, limit, (r) => [r.id]);
    return { items: await this.views(items), next };
  }

  async listPorts(tenantId: string, networkId: string, q: ListPortsQuery): Promise<Paged<PortView>> {
    await this.requireNetwork(tenantId, networkId);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(q.cursor, 1);
    const rows: PortRow[] = await this.db.query(
      `select * from network_ports where network_id = $1 and ($2::text is null or port_id > $2) order by port_id limit $3`,
      [networkId, after?.[0] ?? null, limit + 1],
    );
    const { items, next } = page(rows, limit, (r) => [r.port_id]);
    return { items: items.map(portView), next };
  }

  async requireNetwork(tenantId: string, networkId: string): Promise<void> {
    const found: unknown[] = await this.db.query('select 1 from networks where tenant_id = $1 and id = $2', [tenantId, networkId]);
    if (!found.length) throw new NotFoundError('Network', networkId);
  }

  private async views(rows: NetworkRow[]): Promise<NetworkView[]> {
    if (rows.length === 0) return [];
    const sites: SiteRow[] = await this.db.query('select * from network_sites where network_id = any($1) order by network_id, position', [rows.map((r) => r.id)]);
    return rows.map((row) => {
      const record = networkRecord(row, sites.filter((s) => s.network_id === row.id));
      return { ...networkView(record.state), seq: record.lastSeq, createdAt: record.createdAt, updatedAt: record.updatedAt };
    });
  }
}

function portView(r: PortRow): PortView {
  return { id: r.port_id, networkId: r.network_id, name: r.name, site: r.site, mac: r.mac, ips: r.ips, homeVimPortId: r.home_vim_port_id, vimPortId: r.vim_port_id };
}
