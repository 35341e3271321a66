import { NotFoundError, VorchError, type AllocateAddressInput, type AllocationView, type CommandMeta } from '#vorch/contracts';
import { canonicalIp, parseIp, PoolExhaustedError, PortAlreadyAllocatedError, type AddressHolder, type AddressPool, type HomeVimReservation } from '#vorch/ipam-domain';
import { createLogger } from '#vorch/telemetry';
import type { Port } from '#vorch/vim-drivers';
import type { VimClient } from '../stitching/vim-client.js';
import { allocationIdOf, reservationMacOwner, reservationPortName } from './allocation-id.js';
import { allocationView } from './allocation-view.js';
import { AddressTakenOnVimError, VimAddressFamilyError } from './address-manager.errors.js';
import { requireActive, type HomeNetwork } from './home-network.js';
import { vimRefusalError, type RefusalContext } from './home-vim-refusals.js';
import { poolOf, type IpamLedger } from './ipam-ledger.js';
import { PerSiteLimit } from './per-site-limit.js';
import { poolIdOf } from './pool-ids.js';
import type { PoolWriter } from './pool-writer.js';
import { findVimHolder } from './vim-address-holder.js';

const log = createLogger('network-stitching.addresses');

/** Port creations this replica sends one home VIM at a time (see PerSiteLimit). */
const VIM_CALLS_PER_SITE = 8;

/**
 * An address Vorch hands out directly (next free or a named one), allocated by the home site's VIM, the authority
 * for the network's addresses: 1. the ledger refuses what it already knows (a taken address, an exhausted pool)
 * without asking the VIM; 2. the home VIM creates a reservation port `vorch-alloc-<allocationId>` on the home
 * network (its own IPAM picks or checks the address); 3. the ledger records the address with that port
 * (RecordExternalAllocation) and the MAC registry the port's MAC (RecordMac). A failure after 2 deletes the VIM
 * port and releases what was recorded, so nothing stays held for an allocation that was refused.
 */
export class AllocateOnHomeVim {
  /** Requests for the same allocation id in flight in this process: answered by one VIM port. */
  private readonly inFlight = new Map<string, Promise<AllocationView>>();
  private readonly vimCalls = new PerSiteLimit(VIM_CALLS_PER_SITE);

  constructor(
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
    private readonly vim: VimClient,
  ) {}

  allocate(home: HomeNetwork, input: AllocateAddressInput, meta: CommandMeta): Promise<AllocationView> {
    const allocationId = allocationIdOf(meta.commandId);
    const running = this.inFlight.get(allocationId);
    if (running) return running;
    const work = this.run(home, input, allocationId, meta).finally(() => this.inFlight.delete(allocationId));
    this.inFlight.set(allocationId, work);
    return work;
  }

  private async run(home: HomeNetwork, input: AllocateAddressInput, allocationId: string, meta: CommandMeta): Promise<AllocationView> {
    const { poolId } = input;
    // 1. what the ledger already knows: a resent command, the port's address, a taken address, an empty pool
    const pool = await this.requirePool(poolId);
    const known = this.alreadyDone(pool, poolId, input);
    if (known) return known;
    const address = input.address === undefined ? undefined : pool.format(pool.parseHost(input.address));
    if (address !== undefined) pool.ensureFree(pool.parseHost(address));
    else if (pool.nextFree() === undefined) throw new PoolExhaustedError(poolId, pool.layout.cidr);
    const target = requireActive(home);

    // 2. the home VIM reserves it (its IPAM picks the next free one, or refuses the named one)
    let port: Port;
    try {
      // The pool's family, so a dual-stack home network answers with an address of this pool only.
      const request = { networkId: target.vimNetworkId, name: reservationPortName(allocationId), ...(address ? { ips: [address] } : { ipFamily: pool.cidr.family }) };
      port = await this.vimCalls.run(target.site, () => this.vim.createPort(target.site, request, meta));
    } catch (err) {
      throw await this.refusal(err, { poolId, cidr: pool.layout.cidr, site: target.site, address }, target.vimNetworkId, meta);
    }

    // 3. the ledger records it with the reservation port, then the MAC registry its MAC
    const reservation: HomeVimReservation = { allocationId, vimPortId: port.externalId };
    const step = (name: string): CommandMeta => ({ ...meta, commandId: `${allocationId}:${port.externalId}:${name}` });
    const recorded: { poolId: string; address: string }[] = [];
    try {
      const mine = port.ips.find((ip) => poolIdOf(home.networkId, parseIp(ip).family) === poolId);
      if (mine === undefined) throw new VimAddressFamilyError(poolId, port.ips);
      for (const ip of port.ips) {
        const ipPool = poolIdOf(home.networkId, parseIp(ip).family);
        // ADDRESS.TAKEN here means the ledger and the home VIM disagree: surfaced, never retried.
        await this.pools.run(ipPool, { type: 'RecordExternalAllocation', portId: input.portId, address: ip, mac: port.mac, site: target.site, reservation }, step(`record:${ip}`));
        recorded.push({ poolId: ipPool, address: ip });
      }
      await this.ledger.macs({ type: 'RecordMac', site: target.site, portId: reservationMacOwner(allocationId), mac: port.mac }, step('record-mac'));
      return allocationView(poolId, { portId: input.portId, address: canonicalIp(mine), source: 'home-vim', mac: port.mac, site: target.site, reservation });
    } catch (err) {
      await this.undo(target.site, port.externalId, input.portId, recorded, step);
      // Another replica may have carried out the same command meanwhile: its allocation is the answer.
      const now = await this.currentPool(poolId);
      const other = now && this.heldBy(now, input.portId);
      if (other?.reservation?.allocationId === allocationId && err instanceof VorchError) return allocationView(poolId, other);
      throw err;
    }
  }

  /** The VIM's refusal as a typed error; a taken address names the VIM port holding it when the VIM shows one. */
  private async refusal(err: unknown, context: RefusalContext, vimNetworkId: string, meta: CommandMeta): Promise<unknown> {
    const refused = vimRefusalError(err, context);
    if (!(refused instanceof AddressTakenOnVimError) || context.address === undefined) return refused;
    const holder = await findVimHolder(this.vim, context.site, vimNetworkId, context.address, meta);
    return holder ? new AddressTakenOnVimError(context.address, context.site, holder) : refused;
  }

  /**
   * A resent command (its allocation id is on the port's address), or a port that already holds an address in
   * this pool (one per port): answered from the ledger, no VIM call. O(log n): never a scan of the allocations.
   */
  private alreadyDone(pool: AddressPool, poolId: string, input: AllocateAddressInput): AllocationView | undefined {
    const held = this.heldBy(pool, input.portId);
    if (!held) return undefined;
    if (input.address === undefined || pool.format(pool.parseHost(input.address)) === held.address) return allocationView(poolId, held);
    throw new PortAlreadyAllocatedError(input.portId, held.address);
  }

  private heldBy(pool: AddressPool, portId: string): (AddressHolder & { address: string }) | undefined {
    const value = pool.addressOf(portId);
    const holder = value === undefined ? undefined : pool.holderAt(value);
    return holder && { ...holder, address: pool.format(value!) };
  }

  private async undo(site: string, vimPortId: string, portId: string, recorded: { poolId: string; address: string }[], step: (name: string) => CommandMeta): Promise<void> {
    try {
      await this.vim.deletePort(site, vimPortId, step('undo'));
      for (const r of recorded) await this.pools.run(r.poolId, { type: 'ReleaseAddress', address: r.address, portId }, step(`undo:${r.address}`));
    } catch (err) {
      log.error({ err, site, vimPortId }, 'could not undo a refused allocation (the orphan sweeper removes the VIM port)');
    }
  }

  private async requirePool(poolId: string): Promise<AddressPool> {
    const pool = await this.currentPool(poolId);
    if (!pool) throw new NotFoundError('Address pool', poolId);
    return pool;
  }

  private async currentPool(poolId: string): Promise<AddressPool | undefined> {
    return poolOf(await this.ledger.loadPool(poolId));
  }
}
