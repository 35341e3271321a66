import { INVENTORY_SUBJECTS, UnavailableError, VorchError, type CommandMeta, type VimOperation } from '#vorch/contracts';
import type { Bus } from '#vorch/messaging';
import type { CreateNetworkRequest, CreatePortRequest, Network, Port } from '#vorch/vim-drivers';

/** Error codes that mean "the site did not answer": retried on the domain's schedule, never a verdict. */
const UNREACHABLE_CODES = new Set(['DRIVER.UNREACHABLE', 'DRIVER.TIMEOUT', 'UNAVAILABLE']);

export const isUnreachable = (err: unknown): boolean =>
  err instanceof UnavailableError || (err instanceof VorchError && UNREACHABLE_CODES.has(err.code));

export const isNotFound = (err: unknown): boolean => err instanceof VorchError && err.code === 'DRIVER.NOT_FOUND';

/**
 * A site's VIM as this service sees it: generic operations run by the inventory service (which alone holds the
 * site's credentials) over the bus. Driver failures come back as typed errors (DRIVER.UNREACHABLE, DRIVER.NOT_FOUND…).
 */
export class VimClient {
  constructor(
    private readonly bus: Bus,
    private readonly timeoutMs: number,
  ) {}

  private call<R>(siteId: string, operation: VimOperation, args: object, meta: CommandMeta): Promise<R> {
    return this.bus.request<R>(INVENTORY_SUBJECTS.vim, { siteId, operation, args }, meta, { timeoutMs: this.timeoutMs });
  }

  createNetwork(siteId: string, req: CreateNetworkRequest, meta: CommandMeta): Promise<Network> {
    return this.call(siteId, 'createNetwork', req, meta);
  }

  getNetwork(siteId: string, id: string, meta: CommandMeta): Promise<Network> {
    return this.call(siteId, 'getNetwork', { id }, meta);
  }

  listNetworks(siteId: string, meta: CommandMeta): Promise<Network[]> {
    return this.call(siteId, 'listNetworks', {}, meta);
  }

  async deleteNetwork(siteId: string, id: string, meta: CommandMeta): Promise<void> {
    await this.call(siteId, 'deleteNetwork', { id }, meta);
  }

  createPort(siteId: string, req: CreatePortRequest, meta: CommandMeta): Promise<Port> {
    return this.call(siteId, 'createPort', req, meta);
  }

  /** Every port on the site's network, Vorch's and anyone else's (DRIVER.NOT_FOUND when the network is gone). */
  listPorts(siteId: string, networkId: string, meta: CommandMeta): Promise<Port[]> {
    return this.call(siteId, 'listPorts', { networkId }, meta);
  }

  async deletePort(siteId: string, id: string, meta: CommandMeta): Promise<void> {
    await this.call(siteId, 'deletePort', { id }, meta);
  }
}
