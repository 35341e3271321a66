import type { AllocateAddressInput, AllocationView, CommandMeta, MacPrefixView, ReleaseAddressInput, SetMacPrefixInput } from '#vorch/contracts';
import type { Bus } from '#vorch/messaging';
import type { VimClient } from '../stitching/vim-client.js';
import { AllocateOnHomeVim } from './allocate-on-home-vim.js';
import { allocationView } from './allocation-view.js';
import type { HomeNetworkOf } from './home-network.js';
import { poolOf, type IpamLedger } from './ipam-ledger.js';
import { MacPrefixes } from './mac-prefixes.js';
import { networkIdOfPool } from './pool-ids.js';
import type { PoolWriter } from './pool-writer.js';
import { ReleaseOnHomeVim } from './release-on-home-vim.js';

/**
 * The address manager's use cases: addresses Vorch hands out directly (through the home site's VIM, see
 * AllocateOnHomeVim), their release, the list of a pool's allocations, and the sites' MAC prefixes.
 */
export class AddressCommands {
  private readonly allocations: AllocateOnHomeVim;
  private readonly releases: ReleaseOnHomeVim;
  private readonly macPrefixes: MacPrefixes;

  constructor(
    private readonly ledger: IpamLedger,
    pools: PoolWriter,
    vim: VimClient,
    bus: Bus,
    private readonly homeOf: HomeNetworkOf,
  ) {
    this.allocations = new AllocateOnHomeVim(ledger, pools, vim);
    this.releases = new ReleaseOnHomeVim(ledger, pools, vim);
    this.macPrefixes = new MacPrefixes(ledger, bus);
  }

  async allocate(input: AllocateAddressInput, meta: CommandMeta): Promise<AllocationView> {
    const home = await this.homeOf(networkIdOfPool(input.poolId), meta.tenantId);
    return this.allocations.allocate(home, input, meta);
  }

  async release(input: ReleaseAddressInput, meta: CommandMeta): Promise<{ released: true }> {
    const home = await this.homeOf(networkIdOfPool(input.poolId), meta.tenantId);
    await this.releases.release(home, input, meta);
    return { released: true };
  }

  async list(poolId: string, meta: CommandMeta): Promise<{ items: AllocationView[] }> {
    await this.homeOf(networkIdOfPool(poolId), meta.tenantId);
    const pool = poolOf(await this.ledger.loadPool(poolId));
    return { items: (pool?.allocations() ?? []).map((a) => allocationView(poolId, a)) };
  }

  /** For the orphan-port sweeper: the home-VIM port ids the ledger holds for the network (→ allocation id). */
  knownVimPortIds(networkId: string): Promise<Map<string, string>> {
    return this.ledger.knownVimPortIds(networkId);
  }

  setMacPrefix(input: SetMacPrefixInput, meta: CommandMeta): Promise<MacPrefixView> {
    return this.macPrefixes.set(input, meta);
  }

  listMacPrefixes(): Promise<{ items: MacPrefixView[] }> {
    return this.macPrefixes.list();
  }
}
