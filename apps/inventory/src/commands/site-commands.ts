import { VorchError, type CommandMeta, type RegisterSiteInput } from '#vorch/contracts';
import { deciderReducer, type EventStore, handleCommand } from '#vorch/eventstore';
import { SiteAlreadyRegisteredError, siteDecider, type SiteCommand, type SiteEvent, type SiteState } from '#vorch/inventory-domain';
import { DriverAuthError, DriverError, type VimDriver } from '#vorch/vim-drivers';
import { createLogger } from '#vorch/telemetry';
import type { CredentialSealer } from '../credentials/credential-sealer.js';
import { siteIdFor } from '../site-id.js';
import type { DriverFactory } from '../discovery/driver-factory.js';

const log = createLogger('inventory.sites');

export class SiteCredentialsRejectedError extends VorchError {
  constructor(site: string, vimMessage: string) {
    super('SITE.CREDENTIALS_REJECTED', `the cloud manager of site ${site} refused the credentials: ${vimMessage}`, 422, { site });
  }
}

export class SiteUnreachableAtRegistrationError extends VorchError {
  constructor(site: string, reason: string) {
    super('SITE.UNREACHABLE', `site ${site} could not be reached to check its credentials: ${reason}`, 502, { site });
  }
}

/** The write side of sites: every change goes through the site decider and lands as events. */
export class SiteCommands {
  constructor(
    private readonly store: EventStore,
    private readonly sealer: CredentialSealer,
    private readonly drivers: DriverFactory,
  ) {}

  execute(siteId: string, command: SiteCommand, meta: CommandMeta) {
    return handleCommand<SiteCommand, SiteEvent, SiteState>(this.store, siteDecider, { aggregateType: 'site', aggregateId: siteId, command, meta });
  }

  load(siteId: string) {
    return this.store.load<SiteState>('site', siteId, deciderReducer(siteDecider));
  }

  /**
   * Registers a site after its cloud manager accepted the credentials: a wrong password or an unreachable
   * endpoint is reported to the caller and nothing is recorded.
   */
  async register(input: RegisterSiteInput, meta: CommandMeta): Promise<{ id: string; duplicate: boolean; registeredAt: string }> {
    const siteId = siteIdFor(meta.tenantId, input.name);
    const existing = await this.load(siteId);
    const live = existing.state.status !== 'absent' && existing.state.status !== 'deregistered';
    if (live && existing.handledCommands.has(meta.commandId)) return { id: siteId, duplicate: true, registeredAt: new Date().toISOString() };
    if (live) throw new SiteAlreadyRegisteredError(input.name);
    await this.checkCredentials(input);
    const sealedCredentials = this.sealer.seal(siteId, input.credentials);
    const result = await this.execute(
      siteId,
      { type: 'RegisterSite', siteId, tenantId: meta.tenantId, name: input.name, dialect: input.dialect, endpoint: input.endpoint, domain: input.domain, sealedCredentials },
      meta,
    );
    log.info({ siteId, name: input.name, dialect: input.dialect, duplicate: result.duplicate }, 'site registered');
    return { id: siteId, duplicate: result.duplicate, registeredAt: result.events[0]?.occurredAt ?? new Date().toISOString() };
  }

  private async checkCredentials(input: RegisterSiteInput): Promise<void> {
    let driver: VimDriver;
    try {
      driver = this.drivers.create({ dialect: input.dialect, endpoint: input.endpoint, credentials: input.credentials });
      await driver.authenticate({ signal: AbortSignal.timeout(15000) });
    } catch (err) {
      if (err instanceof DriverAuthError) throw new SiteCredentialsRejectedError(input.name, err.fault.vimMessage ?? err.message);
      if (err instanceof DriverError) throw new SiteUnreachableAtRegistrationError(input.name, err.message);
      throw err;
    }
  }
}

