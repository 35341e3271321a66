import { VorchError, type CommandMeta, type ReleaseAddressInput } from '#vorch/contracts';
import { AddressNotHeldError, AddressReservedError, type AddressHolder } from '#vorch/ipam-domain';
import { isNotFound, type VimClient } from '../stitching/vim-client.js';
import { reservationMacOwner } from './allocation-id.js';
import { AddressHeldByPortError } from './address-manager.errors.js';
import type { HomeNetwork } from './home-network.js';
import { vimRefusalError } from './home-vim-refusals.js';
import { poolOf, type IpamLedger } from './ipam-ledger.js';
import { poolIdOf } from './pool-ids.js';
import type { PoolWriter } from './pool-writer.js';

type Held = AddressHolder & { address: string };

/**
 * Releasing a direct allocation: 1. delete its reservation port on the home VIM (a port already gone counts as
 * deleted), 2. release its MAC, 3. release its addresses in the ledger, last, so that a release interrupted by a
 * crash or an unreachable site still finds the allocation and a retry finishes the job. Every ledger step has a
 * command id fixed by the allocation and its VIM port: a retry never has a second effect.
 */
export class ReleaseOnHomeVim {
  constructor(
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
    private readonly vim: VimClient,
  ) {}

  async release(home: HomeNetwork, input: ReleaseAddressInput, meta: CommandMeta): Promise<void> {
    const pool = poolOf(await this.ledger.loadPool(input.poolId));
    if (!pool) {
      // Unknown or deleted pool: the ledger's answer (404) is the right one.
      await this.pools.run(input.poolId, { type: 'ReleaseAddress', address: input.address }, meta);
      return;
    }
    const value = pool.parseHost(input.address);
    const address = pool.format(value);
    if (pool.isReserved(value)) throw new AddressReservedError(address, pool.reservationReason(value));
    const holder = pool.holderAt(value);
    if (!holder) return; // already free: an earlier release finished
    if (input.portId !== undefined && input.portId !== holder.portId) throw new AddressNotHeldError(address, input.portId, holder.portId);
    if (!holder.reservation) {
      if (holder.source === 'home-vim') throw new AddressHeldByPortError(address, holder.portId, home.networkId);
      // Allocated in the ledger only (before allocations went through the home VIM): nothing on a VIM to delete.
      await this.pools.run(input.poolId, { type: 'ReleaseAddress', address, portId: holder.portId }, meta);
      return;
    }
    await this.releaseReservation(home, { ...holder, address }, meta);
  }

  /** Before the home network is deleted: its VIM refuses while ports remain, and the ledger must let go too. */
  async releaseAll(networkId: string, homeSite: string, meta: CommandMeta): Promise<number> {
    const home: HomeNetwork = { networkId, site: homeSite, state: 'tearing-down' };
    const held = await this.reservations(networkId);
    for (const h of held) await this.releaseReservation(home, h, meta);
    return held.length;
  }

  /** Every direct allocation of the network with its reservation port (both pools). */
  async reservations(networkId: string): Promise<Held[]> {
    const found: Held[] = [];
    for (const family of [4, 6] as const) {
      const pool = poolOf(await this.ledger.loadPool(poolIdOf(networkId, family)));
      for (const a of pool?.allocations() ?? []) if (a.reservation) found.push(a);
    }
    return found;
  }

  private async releaseReservation(home: HomeNetwork, held: Held, meta: CommandMeta): Promise<void> {
    const { allocationId, vimPortId } = held.reservation!;
    const step = (name: string): CommandMeta => ({ ...meta, commandId: `${allocationId}:${vimPortId}:release:${name}` });
    // 1. the reservation on the home VIM
    await this.vim.deletePort(home.site, vimPortId, step('vim')).catch((err: unknown) => {
      if (!isNotFound(err)) throw vimRefusalError(err, { poolId: '', cidr: '', site: home.site });
    });
    // 2. its MAC (a MAC already free or reused since is not ours to release)
    if (held.mac) {
      await this.ledger.macs({ type: 'ReleaseMac', mac: held.mac, portId: reservationMacOwner(allocationId) }, step('mac')).catch((err: unknown) => {
        if (!(err instanceof VorchError && err.code === 'MAC.NOT_HELD')) throw err;
      });
    }
    // 3. every address the reservation holds (a dual-stack VIM port holds one per pool), with the holder's port id
    for (const family of [4, 6] as const) {
      const poolId = poolIdOf(home.networkId, family);
      const pool = poolOf(await this.ledger.loadPool(poolId));
      const value = pool?.addressOf(held.portId);
      if (pool === undefined || value === undefined || pool.holderAt(value)?.reservation?.allocationId !== allocationId) continue;
      const address = pool.format(value);
      await this.pools.run(poolId, { type: 'ReleaseAddress', address, portId: held.portId }, step(address));
    }
  }
}
