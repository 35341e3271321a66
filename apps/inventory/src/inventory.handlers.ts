import { Injectable } from '@nestjs/common';
import {
  CapacityInput,
  INVENTORY_SUBJECTS,
  ListHostsInput,
  ListSitesInput,
  ListStorageInput,
  RegisterSiteInput,
  SiteIdInput,
  VimOperationInput,
  type CommandMeta,
  type SiteView,
} from '#vorch/contracts';
import { HandleRequest } from '#vorch/messaging';
import { InventoryCore } from './inventory.core.js';

/** The inventory service's bus interface: each method answers one subject of INVENTORY_SUBJECTS. */
@Injectable()
export class InventoryHandlers {
  constructor(private readonly core: InventoryCore) {}

  @HandleRequest({ subject: INVENTORY_SUBJECTS.registerSite, input: RegisterSiteInput })
  async registerSite(input: RegisterSiteInput, meta: CommandMeta) {
    const { id, registeredAt } = await this.core.commands.register(input, meta);
    // Discovery runs in the background, in the replica holding the discovery lease (this one or another; with none
    // right now, the next holder finds the site when it takes over); its progress shows on the site. The answer is
    // built from the command's outcome rather than the read model, which may still be busy projecting other sites.
    void this.core.discovery.discoverNow(id, meta).catch(() => undefined);
    const view: SiteView = {
      id,
      name: input.name,
      dialect: input.dialect,
      endpoint: input.endpoint,
      domain: input.domain,
      status: 'registered',
      lastError: null,
      resourceCount: 0,
      discovery: { runId: null, resourcesSeen: 0, completedAt: null },
      createdAt: registeredAt,
      updatedAt: registeredAt,
    };
    return view;
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.discoverSite, input: SiteIdInput })
  async discoverSite(input: SiteIdInput, meta: CommandMeta) {
    await this.core.requireSite(meta.tenantId, input.id);
    const outcome = await this.core.discovery.discoverNow(input.id, meta);
    await this.core.waitForSite(input.id);
    return { ...outcome, site: await this.core.queries.getSite(meta.tenantId, input.id) };
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.deregisterSite, input: SiteIdInput })
  async deregisterSite(input: SiteIdInput, meta: CommandMeta) {
    await this.core.requireSite(meta.tenantId, input.id);
    await this.core.discovery.forget(input.id, meta);
    await this.core.commands.execute(input.id, { type: 'DeregisterSite' }, meta);
    await this.core.waitForSite(input.id);
    void this.core.addressReports.publish(input.id); // an empty report: the site's VMs leave the address map
    return { id: input.id, deregistered: true };
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.getSite, input: SiteIdInput })
  getSite(input: SiteIdInput, meta: CommandMeta) {
    return this.core.siteView(meta.tenantId, input.id);
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.listSites, input: ListSitesInput })
  listSites(input: ListSitesInput, meta: CommandMeta) {
    return this.core.queries.listSites(meta.tenantId, input);
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.listHosts, input: ListHostsInput })
  listHosts(input: ListHostsInput, meta: CommandMeta) {
    return this.core.queries.listHosts(meta.tenantId, input);
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.listStorage, input: ListStorageInput })
  listStorage(input: ListStorageInput, meta: CommandMeta) {
    return this.core.queries.listStorage(meta.tenantId, input);
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.capacity, input: CapacityInput })
  capacity(input: CapacityInput, meta: CommandMeta) {
    return this.core.queries.capacity(meta.tenantId, input);
  }

  @HandleRequest({ subject: INVENTORY_SUBJECTS.vim, input: VimOperationInput })
  vim(input: VimOperationInput, meta: CommandMeta) {
    return this.core.vim.run(input, meta);
  }
}
