import type { Exchange, Reply } from '../../http/exchange.js';
import { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Entity, Host, Network, Vm } from '../../model/entities.js';
import { UnauthenticatedError } from '../../model/sim-errors.js';
import type { DialectAdapter, DialectIds } from '../dialect-adapter.js';
import { addExtensionRoutes } from '../extension/vorch-extension.routes.js';
import { SessionStore } from '../session-store.js';
import { addCinderRoutes } from './cinder.routes.js';
import { addKeystoneRoutes } from './keystone.routes.js';
import { addNeutronRoutes } from './neutron.routes.js';
import { addNovaRoutes } from './nova.routes.js';
import { openstackErrorReply } from './openstack-errors.js';
import { addPlacementRoutes } from './placement.routes.js';

/** OpenStack ids are the model's UUIDs as they are. */
class OpenStackIds implements DialectIds {
  constructor(private readonly site: SimSite) {}
  of(entity: Entity): string {
    return entity.id;
  }
  findHost(ref: string): Host {
    return this.site.model.hosts.get(ref) ?? this.site.model.requireHostByName(ref);
  }
  findVm(ref: string): Vm {
    return this.site.model.requireVm(ref);
  }
  findNetwork(ref: string): Network {
    return this.site.model.requireNetwork(ref);
  }
}

export class OpenStackAdapter implements DialectAdapter {
  readonly routes = new RouteTable();
  readonly ids: DialectIds;
  private readonly sessions = new SessionStore();

  constructor(site: SimSite) {
    this.ids = new OpenStackIds(site);
    const projectId = site.model.stableId(`project/${site.model.identity.credentials.project ?? 'default'}`).replaceAll('-', '');
    addKeystoneRoutes(this.routes, site.model, this.sessions);
    addNovaRoutes(this.routes, site, projectId);
    addNeutronRoutes(this.routes, site, projectId);
    addPlacementRoutes(this.routes, site.model);
    addCinderRoutes(this.routes, site.model);
    addExtensionRoutes(this.routes, site, this.ids);
  }

  authenticate(ex: Exchange): void {
    if (!this.sessions.isValid(ex.header('x-auth-token'))) throw new UnauthenticatedError();
  }

  errorReply(err: unknown, ex: Exchange): Reply {
    return openstackErrorReply(err, ex);
  }
}
