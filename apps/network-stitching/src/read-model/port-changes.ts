import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#vorch/contracts';
import type { NetworkPortsEvent, PortRecord } from '#vorch/stitching-domain';

interface PortRow {
  networkId: string;
  port: PortRecord;
  createdAt: string;
}

/** The net effect of a batch on network_ports: per port, its last event decides (created → row, deleted → none). */
export class PortChanges {
  private readonly last = new Map<string, PortRow | null>();

  add(networkId: string, event: EventEnvelope & NetworkPortsEvent): void {
    switch (event.type) {
      case 'PortCreated':
        this.last.set(event.data.portId, { networkId, port: event.data, createdAt: event.occurredAt });
        return;
      case 'PortDeleted':
        this.last.set(event.data.portId, null);
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown network-ports event ${JSON.stringify(unknown)}`);
      }
    }
  }

  async save(db: EntityManager): Promise<void> {
    const gone = [...this.last].filter(([, row]) => row === null).map(([id]) => id);
    if (gone.length) await db.query('delete from network_ports where port_id = any($1)', [gone]);
    for (const row of this.last.values()) {
      if (!row) continue;
      const p = row.port;
      // a redelivered PortCreated (same port) changes nothing
      await db.query(
        `insert into network_ports (port_id, network_id, site, name, mac, ips, vim_port_id, home_vim_port_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (port_id) do nothing`,
        [p.portId, row.networkId, p.site, p.name, p.mac, p.ips, p.vimPortId, p.homeVimPortId, row.createdAt],
      );
    }
  }
}
