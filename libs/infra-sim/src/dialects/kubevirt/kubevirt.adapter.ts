import type { Exchange, Reply } from '../../http/exchange.js';
import { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import { UnauthenticatedError } from '../../model/sim-errors.js';
import type { DialectAdapter } from '../dialect-adapter.js';
import { addExtensionRoutes } from '../extension/vorch-extension.routes.js';
import { kubevirtErrorReply } from './kubevirt-errors.js';
import { KubeVirtIds } from './kubevirt-ids.js';
import { addKubeVirtRoutes } from './kubevirt.routes.js';

export class KubeVirtAdapter implements DialectAdapter {
  readonly routes = new RouteTable();
  readonly ids: KubeVirtIds;
  private readonly token: string;

  constructor(site: SimSite) {
    this.ids = new KubeVirtIds(site);
    this.token = site.model.identity.credentials.token ?? '';
    addKubeVirtRoutes(this.routes, site, this.ids);
    addExtensionRoutes(this.routes, site, this.ids);
  }

  /** A static bearer token per site, like a service account token. */
  authenticate(ex: Exchange): void {
    const header = ex.header('authorization') ?? '';
    if (!this.token || header !== `Bearer ${this.token}`) throw new UnauthenticatedError();
  }

  errorReply(err: unknown): Reply {
    return kubevirtErrorReply(err);
  }
}
