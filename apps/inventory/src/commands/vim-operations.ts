import { ValidationError, type CommandMeta, type VimOperationInput } from '#vorch/contracts';
import type { CreateNetworkRequest, CreatePortRequest, VimDriver } from '#vorch/vim-drivers';
import { createLogger } from '#vorch/telemetry';
import type { SiteDrivers } from '../discovery/site-drivers.js';
import type { SiteCommands } from './site-commands.js';
import { SiteNotFoundError } from '#vorch/inventory-domain';

const log = createLogger('inventory.vim');

function idOf(args: Record<string, unknown>, key = 'id'): string {
  const id = args[key];
  if (typeof id !== 'string' || !id) throw new ValidationError([{ field: `args.${key}`, message: 'is required' }]);
  return id;
}

/**
 * Runs a generic VIM operation on a site for another service: the one place besides discovery that opens a site's
 * sealed credentials. Driver errors travel back as the typed Driver*Error the caller can act on (retry when
 * unreachable, treat a conflict as taken, …).
 */
export class VimOperations {
  constructor(
    private readonly sites: SiteCommands,
    private readonly drivers: SiteDrivers,
  ) {}

  async run(input: VimOperationInput, meta: CommandMeta): Promise<unknown> {
    const driver = await this.driverFor(input.siteId, meta.tenantId);
    const args = input.args ?? {};
    log.debug({ siteId: input.siteId, operation: input.operation, actor: meta.actor }, 'vim operation');
    switch (input.operation) {
      case 'createNetwork':
        return driver.createNetwork(args as unknown as CreateNetworkRequest);
      case 'getNetwork':
        return driver.getNetwork(idOf(args));
      case 'deleteNetwork':
        await driver.deleteNetwork(idOf(args));
        return {};
      case 'listNetworks':
        return driver.listNetworks();
      case 'createPort':
        return driver.createPort(args as unknown as CreatePortRequest);
      case 'getPort':
        return driver.getPort(idOf(args));
      case 'deletePort':
        await driver.deletePort(idOf(args));
        return {};
      case 'listPorts':
        return driver.listPorts(idOf(args, 'networkId'));
      default: {
        const never: never = input.operation;
        throw new ValidationError([{ field: 'operation', message: `unknown operation ${String(never)}` }]);
      }
    }
  }

  private async driverFor(siteId: string, tenantId: string): Promise<VimDriver> {
    const { state } = await this.sites.load(siteId);
    if (state.status === 'absent' || state.status === 'deregistered' || state.tenantId !== tenantId) throw new SiteNotFoundError(siteId);
    return this.drivers.forSite(siteId, state);
  }
}
