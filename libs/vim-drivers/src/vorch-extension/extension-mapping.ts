import type { Port, ResourceChange, SecurityModule, SecurityModuleType, VirtualSwitch } from '../inventory.js';
import type { ExtChange, ExtPort, ExtSecurityModule, ExtVswitch } from './extension-wire.js';

export function toVirtualSwitch(v: ExtVswitch): VirtualSwitch {
  return { externalId: v.id, name: v.name, hostId: v.host, type: v.kind, uplinks: v.uplinks };
}

export function toSecurityModule(m: ExtSecurityModule): SecurityModule {
  return { externalId: m.id, hostId: m.host, type: m.kind as SecurityModuleType, firmwareVersion: m.firmware_version, ready: m.status === 'ready' };
}

export function toPort(p: ExtPort): Port {
  return { externalId: p.id, networkId: p.network, name: p.name, mac: p.mac_address, ips: p.ip_addresses ?? (p.ip_address ? [p.ip_address] : []), vmId: p.vm ?? undefined };
}

const changeOf = { created: 'added', updated: 'modified', deleted: 'deleted' } as const;

/**
 * A change-feed entry as a ResourceChange. Subnet and migration entries are dropped: the feed names no network
 * for a subnet, and a migrated VM has entries of its own saying where it went.
 */
export function toResourceChange(c: ExtChange): ResourceChange | undefined {
  const resourceVersion = String(c.seq);
  switch (c.kind) {
    case 'host':
    case 'vm':
    case 'network':
    case 'port':
      return { kind: c.kind, id: c.id, change: changeOf[c.op], resourceVersion };
    case 'subnet':
    case 'migration':
      return undefined;
    default: {
      const never: never = c.kind;
      return never;
    }
  }
}
