import type { AllocateAddressInput, AllocationView, CommandMeta, ReleaseAddressInput } from '#vorch/contracts';
import { poolOf, type IpamLedger } from './ipam-ledger.js';
import { networkIdOfPool } from './pool-ids.js';
import type { PoolWriter } from './pool-writer.js';

/** Who may touch a pool: the tenant of its network (the stitching side knows networks' tenants). */
export type PoolAccess = (networkId: string, tenantId: string) => Promise<void>;

/** Addresses Vorch hands out itself (next free or a named one), releases and the list of a pool's allocations. */
export class AddressCommands {
  constructor(
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
    private readonly access: PoolAccess,
  ) {}

  async allocate(input: AllocateAddressInput, meta: CommandMeta): Promise<AllocationView> {
    await this.access(networkIdOfPool(input.poolId), meta.tenantId);
    if (input.address === undefined) {
      const address = await this.pools.allocateNext(input.poolId, { portId: input.portId }, meta);
      return { poolId: input.poolId, portId: input.portId, address, source: 'next-free', mac: null, site: null };
    }
    await this.pools.run(input.poolId, { type: 'AllocateSpecific', portId: input.portId, address: input.address }, meta);
    const held = poolOf(await this.ledger.loadPool(input.poolId))?.allocations().find((a) => a.portId === input.portId);
    return { poolId: input.poolId, portId: input.portId, address: held?.address ?? input.address, source: 'specific', mac: null, site: null };
  }

  async release(input: ReleaseAddressInput, meta: CommandMeta): Promise<{ released: true }> {
    await this.access(networkIdOfPool(input.poolId), meta.tenantId);
    await this.pools.run(input.poolId, { type: 'ReleaseAddress', address: input.address, ...(input.portId ? { portId: input.portId } : {}) }, meta);
    return { released: true };
  }

  async list(poolId: string, meta: CommandMeta): Promise<{ items: AllocationView[] }> {
    await this.access(networkIdOfPool(poolId), meta.tenantId);
    const pool = poolOf(await this.ledger.loadPool(poolId));
    const items = (pool?.allocations() ?? []).map((a) => ({ poolId, portId: a.portId, address: a.address, source: a.source, mac: a.mac ?? null, site: a.site ?? null }));
    return { items };
  }
}
