import { VorchError, type CommandMeta } from '#vorch/contracts';
import { parseIp } from '#vorch/ipam-domain';
import { portsOnSite, type ExistingNetwork, type PortRecord } from '#vorch/stitching-domain';
import type { IpamLedger } from '../address-manager/ipam-ledger.js';
import { poolIdOf } from '../address-manager/pool-ids.js';
import { ReleaseOnHomeVim } from '../address-manager/release-on-home-vim.js';
import type { PoolWriter } from '../address-manager/pool-writer.js';
import type { PortRegistry } from './port-registry.js';
import { isNotFound, type VimClient } from './vim-client.js';

/**
 * Deleting a port everywhere it exists: on its site, its address reservation on the home VIM, then its MAC/IP in
 * the ledger, and last the record (so a crash midway leaves the record, and the next attempt finishes the job).
 * Every step is safe to repeat: a port already gone on a VIM counts as deleted, ledger steps have fixed command ids.
 */
export class PortTeardown {
  constructor(
    readonly registry: PortRegistry,
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
    private readonly vim: VimClient,
  ) {}

  async deletePort(network: ExistingNetwork, port: PortRecord, meta: CommandMeta): Promise<void> {
    const networkId = network.identity.networkId;
    const step = (name: string): CommandMeta => ({ ...meta, commandId: `${port.portId}:delete:${name}` });
    if (port.vimPortId !== port.homeVimPortId) await this.deleteOnVim(port.site, port.vimPortId, meta);
    await this.deleteOnVim(network.identity.homeSite, port.homeVimPortId, meta);
    for (const ip of port.ips) {
      const poolId = poolIdOf(networkId, parseIp(ip).family);
      // With portId: a stale release never frees an address that another port holds by now.
      await this.pools.run(poolId, { type: 'ReleaseAddress', address: ip, portId: port.portId }, step(`release:${ip}`)).catch(ignoreGone);
    }
    await this.ledger.macs({ type: 'ReleaseMac', mac: port.mac, portId: port.portId }, step('release-mac'));
    await this.registry.execute(networkId, { type: 'RecordPortDeleted', portId: port.portId }, step('record'));
  }

  /** Before a site's network is deleted: its VIM refuses to delete a network that still has ports. */
  async deleteSitePorts(network: ExistingNetwork, site: string, meta: CommandMeta): Promise<number> {
    const ports = portsOnSite(await this.registry.load(network.identity.networkId), site);
    for (const port of ports) await this.deletePort(network, port, meta);
    // The address manager's direct allocations hold reservation ports on the home network too.
    if (site === network.identity.homeSite) await new ReleaseOnHomeVim(this.ledger, this.pools, this.vim).releaseAll(network.identity.networkId, site, meta);
    return ports.length;
  }

  /** Ports that depend on the site's network: for the home site every port (each holds a reservation there). */
  async portsDependingOn(network: ExistingNetwork, site: string): Promise<number> {
    const state = await this.registry.load(network.identity.networkId);
    if (site !== network.identity.homeSite) return portsOnSite(state, site).length;
    // The address manager's direct allocations hold reservation ports on the home network as well.
    return Object.keys(state.ports).length + (await this.ledger.knownVimPortIds(network.identity.networkId)).size;
  }

  private async deleteOnVim(site: string, vimPortId: string, meta: CommandMeta): Promise<void> {
    await this.vim.deletePort(site, vimPortId, meta).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

/** The pool is already deleted (the network's teardown ran first): nothing left to release. */
function ignoreGone(err: unknown): void {
  if (err instanceof VorchError && err.status === 404) return;
  throw err;
}
