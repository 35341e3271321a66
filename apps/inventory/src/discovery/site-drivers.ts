import type { SiteState } from '#vorch/inventory-domain';
import type { VimDriver } from '#vorch/vim-drivers';
import type { CredentialSealer } from '../credentials/credential-sealer.js';
import type { DriverFactory } from './driver-factory.js';

/**
 * The one place that opens a site's sealed credentials. Keeps one driver per site while its endpoint and
 * credentials stay the same: a driver holds a logged-in session and caches what is slow to ask (OpenStack
 * Placement's per-host GPU inventories), so re-walks and VIM operations reuse them.
 */
export class SiteDrivers {
  private readonly cache = new Map<string, { key: string; driver: VimDriver }>();

  constructor(
    private readonly sealer: CredentialSealer,
    private readonly factory: DriverFactory,
  ) {}

  forSite(siteId: string, state: SiteState): VimDriver {
    const key = `${state.dialect}|${state.endpoint}|${state.sealedCredentials}`;
    const cached = this.cache.get(siteId);
    if (cached?.key === key) return cached.driver;
    const credentials = this.sealer.open(siteId, state.sealedCredentials);
    const driver = this.factory.create({ dialect: state.dialect!, endpoint: state.endpoint, credentials });
    this.cache.set(siteId, { key, driver });
    return driver;
  }

  forget(siteId: string): void {
    this.cache.delete(siteId);
  }
}
