import type { SimSite } from '../../model/build-site.js';
import type { Entity, Host, Migration, Network, Vm } from '../../model/entities.js';
import { SimNotFoundError } from '../../model/sim-errors.js';
import type { DialectIds } from '../dialect-adapter.js';

/** Kubernetes names: nodes by name, namespaced objects as `namespace/name`; ports and subnets keep their UUIDs. */
export class KubeVirtIds implements DialectIds {
  constructor(private readonly site: SimSite) {}

  of(entity: Entity): string {
    switch (entity.kind) {
      case 'host':
        return entity.name;
      case 'vm':
      case 'network':
      case 'migration':
        return `${entity.namespace}/${entity.name}`;
      case 'subnet':
      case 'port':
        return entity.id;
      default: {
        const never: never = entity;
        throw new Error(`unknown entity ${String(never)}`);
      }
    }
  }

  findHost(ref: string): Host {
    return this.site.model.requireHostByName(ref);
  }

  findVm(ref: string, namespace = 'default'): Vm {
    const vm = this.site.model.vmsByKey.get(qualify(ref, namespace));
    if (!vm) throw new SimNotFoundError('vm', ref);
    return vm;
  }

  findNetwork(ref: string, namespace = 'default'): Network {
    const n = this.site.model.networksByKey.get(qualify(ref, namespace));
    if (!n) throw new SimNotFoundError('network', ref);
    return n;
  }

  findMigration(name: string, namespace: string): Migration {
    const m = this.site.model.migrationsByKey.get(`${namespace}/${name}`);
    if (!m) throw new SimNotFoundError('migration', name);
    return m;
  }
}

function qualify(ref: string, namespace: string): string {
  return ref.includes('/') ? ref : `${namespace}/${ref}`;
}
