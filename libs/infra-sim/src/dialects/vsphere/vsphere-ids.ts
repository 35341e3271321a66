import type { SimSite } from '../../model/build-site.js';
import type { Entity, Host, Migration, Network, Vm } from '../../model/entities.js';
import type { OrderedCollection } from '../../model/ordered-collection.js';
import { SimNotFoundError, type ResourceKind } from '../../model/sim-errors.js';
import type { DialectIds } from '../dialect-adapter.js';

const PREFIX = { host: 'host', vm: 'vm', network: 'network', subnet: 'subnet', migration: 'task' } as const;

/** vSphere MoRef-style ids: `host-12`, `vm-345`, `network-7`, `task-88`, made from the site-wide serial. */
export class VSphereIds implements DialectIds {
  constructor(private readonly site: SimSite) {}

  of(entity: Entity): string {
    return entity.kind === 'port' ? entity.id : `${PREFIX[entity.kind]}-${entity.serial}`;
  }

  cluster(failureDomain: string): string {
    return `domain-c${this.site.model.identity.failureDomains.indexOf(failureDomain) + 1}`;
  }

  domainOfCluster(cluster: string): string | undefined {
    const m = /^domain-c(\d+)$/.exec(cluster);
    return m ? this.site.model.identity.failureDomains[Number(m[1]) - 1] : undefined;
  }

  findHost(ref: string): Host {
    return bySerial(this.site.model.hosts, 'host', ref);
  }

  findVm(ref: string): Vm {
    return bySerial(this.site.model.vms, 'vm', ref);
  }

  findNetwork(ref: string): Network {
    return bySerial(this.site.model.networks, 'network', ref);
  }

  findTask(ref: string): Migration {
    return bySerial(this.site.model.migrations, 'task', ref, 'task');
  }
}

function bySerial<T extends { serial: number; id: string }>(c: OrderedCollection<T>, prefix: string, ref: string, kind: ResourceKind = prefix as ResourceKind): T {
  const m = new RegExp(`^${prefix}-(\\d+)$`).exec(ref);
  const found = m ? c.atSerial(Number(m[1])) : undefined;
  if (!found) throw new SimNotFoundError(kind, ref);
  return found;
}
