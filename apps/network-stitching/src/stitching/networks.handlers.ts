import { Injectable } from '@nestjs/common';
import {
  CreateNetworkInput,
  CreatePortInput,
  GetNetworkInput,
  ListNetworksInput,
  ListPortsInput,
  NETWORK_SUBJECTS,
  NetworkIdInput,
  NetworkSiteInput,
  PortIdInput,
  type CommandMeta,
  type NetworkView,
} from '#vorch/contracts';
import { HandleRequest } from '#vorch/messaging';
import { NetworkStitchingCore } from '../network-stitching.core.js';
import { NetworkQueries } from '../read-model/network-queries.js';
import { ReadYourWrites } from '../read-model/read-your-writes.js';

/**
 * The network-stitching bus interface (NETWORK_SUBJECTS). Commands answer once the read model includes them (with
 * `seq`, their position in the stream); queries answer from the read model. Questions about one network also wait
 * for whatever it has recorded so far (the stitching loop writes too), so they never answer older than the write
 * side: one direct get of the aggregate's last position, and no wait at all when the projection is caught up.
 */
@Injectable()
export class NetworksHandlers {
  constructor(
    private readonly core: NetworkStitchingCore,
    private readonly queries: NetworkQueries,
    private readonly reads: ReadYourWrites,
  ) {}

  @HandleRequest({ subject: NETWORK_SUBJECTS.create, input: CreateNetworkInput })
  async create(input: CreateNetworkInput, meta: CommandMeta) {
    return this.written(await this.core.networks.create(input, meta));
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.delete, input: NetworkIdInput })
  async delete(input: NetworkIdInput, meta: CommandMeta) {
    return this.written(await this.core.networks.delete(input.id, meta));
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.addSite, input: NetworkSiteInput })
  async addSite(input: NetworkSiteInput, meta: CommandMeta) {
    return this.written(await this.core.networks.addSite(input.id, input.site, meta));
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.removeSite, input: NetworkSiteInput })
  async removeSite(input: NetworkSiteInput, meta: CommandMeta) {
    return this.written(await this.core.networks.removeSite(input.id, input.site, meta));
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.createPort, input: CreatePortInput })
  async createPort(input: CreatePortInput, meta: CommandMeta) {
    const port = await this.core.ports.create(input, meta);
    await this.reads.afterWrite('network-ports', input.networkId);
    return port;
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.deletePort, input: PortIdInput })
  async deletePort(input: PortIdInput, meta: CommandMeta) {
    await this.core.ports.delete(input.networkId, input.portId, meta);
    await this.reads.afterWrite('network-ports', input.networkId);
    return { deleted: input.portId };
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.listPorts, input: ListPortsInput })
  async listPorts(input: ListPortsInput, meta: CommandMeta) {
    await this.reads.atLeast(input.minSeq);
    await this.reads.caughtUpWith('network', input.networkId);
    await this.reads.caughtUpWith('network-ports', input.networkId);
    return this.queries.listPorts(meta.tenantId, input.networkId, input);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.get, input: GetNetworkInput })
  async get(input: GetNetworkInput, meta: CommandMeta) {
    await this.reads.atLeast(input.minSeq);
    await this.reads.caughtUpWith('network', input.id);
    return this.queries.get(meta.tenantId, input.id);
  }

  @HandleRequest({ subject: NETWORK_SUBJECTS.list, input: ListNetworksInput })
  async list(input: ListNetworksInput, meta: CommandMeta) {
    await this.reads.atLeast(input.minSeq);
    return this.queries.list(meta.tenantId, input);
  }

  private async written(view: NetworkView): Promise<NetworkView> {
    return { ...view, seq: await this.reads.afterWrite('network', view.id) };
  }
}
