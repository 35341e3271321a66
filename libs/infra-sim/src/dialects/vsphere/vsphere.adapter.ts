import type { Exchange, Reply } from '../../http/exchange.js';
import { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import { UnauthenticatedError } from '../../model/sim-errors.js';
import type { DialectAdapter } from '../dialect-adapter.js';
import { addExtensionRoutes } from '../extension/vorch-extension.routes.js';
import { SessionStore } from '../session-store.js';
import { vsphereErrorReply } from './vsphere-errors.js';
import { VSphereIds } from './vsphere-ids.js';
import { addVSphereRoutes } from './vsphere.routes.js';

export class VSphereAdapter implements DialectAdapter {
  readonly routes = new RouteTable();
  readonly ids: VSphereIds;
  private readonly sessions = new SessionStore();

  constructor(site: SimSite) {
    this.ids = new VSphereIds(site);
    const { credentials } = site.model.identity;
    // Basic auth in, session id out (a JSON string), as the vSphere Automation API does.
    this.routes.add(
      'POST',
      '/api/session',
      (ex): Reply => {
        const [scheme, encoded] = (ex.header('authorization') ?? '').split(' ');
        const [user, ...rest] = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':') : [];
        if (user !== credentials.username || rest.join(':') !== credentials.password) throw new UnauthenticatedError();
        return { status: 201, body: this.sessions.issue().token };
      },
      { public: true },
    );
    this.routes.add('DELETE', '/api/session', (ex): Reply => {
      this.sessions.revoke(ex.header('vmware-api-session-id') ?? '');
      return { status: 204 };
    });
    addVSphereRoutes(this.routes, site, this.ids);
    addExtensionRoutes(this.routes, site, this.ids);
  }

  authenticate(ex: Exchange): void {
    if (!this.sessions.isValid(ex.header('vmware-api-session-id'))) throw new UnauthenticatedError();
  }

  errorReply(err: unknown): Reply {
    return vsphereErrorReply(err);
  }
}
