import { Injectable } from '@nestjs/common';
import {
  CreateNetworkInput,
  CreatePortInput,
  ListNetworksInput,
  ListPortsInput,
  NETWORK_SUBJECTS,
  NetworkIdInput,
  NetworkSiteInput,
  PortIdInput,
  type CommandMeta,
} from '#vorch/contracts';
import { HandleRequest } from '#vorch/messaging';
import { NetworkStitchingCore } from '../network-stitching.core.js';

/** The network-stitching bus interface (NETWORK_SUBJECTS). */
@Injectable()
export class NetworksHandlers {
  constructor(private readonly core: NetworkStitchingCore) {}

  @HandleRequest({ subject: NETWORK_SUBJECTS.create, input: CreateNetworkInput })
  create(input: CreateNetworkInput, meta: CommandMeta) {
    return this.core.networks.create(input, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.delete, input: NetworkIdInput })
  delete(input: NetworkIdInput, meta: CommandMeta) {
    return this.core.networks.delete(input.id, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.addSite, input: NetworkSiteInput })
  addSite(input: NetworkSiteInput, meta: CommandMeta) {
    return this.core.networks.addSite(input.id, input.site, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.removeSite, input: NetworkSiteInput })
  removeSite(input: NetworkSiteInput, meta: CommandMeta) {
    return this.core.networks.removeSite(input.id, input.site, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.createPort, input: CreatePortInput })
  createPort(input: CreatePortInput, meta: CommandMeta) {
    return this.core.ports.create(input, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.deletePort, input: PortIdInput })
  async deletePort(input: PortIdInput, meta: CommandMeta) {
    await this.core.ports.delete(input.networkId, input.portId, meta);
    return { deleted: input.portId };
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.listPorts, input: ListPortsInput })
  listPorts(input: ListPortsInput, meta: CommandMeta) {
    return this.core.ports.list(input.networkId, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.get, input: NetworkIdInput })
  get(input: NetworkIdInput, meta: CommandMeta) {
    return this.core.networks.get(input.id, meta);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.list, input: ListNetworksInput })
  list(input: ListNetworksInput, meta: CommandMeta) {
    return this.core.networks.list(meta, input.name);
  }
}
