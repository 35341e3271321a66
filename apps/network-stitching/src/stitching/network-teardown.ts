import type { CommandMeta } from '#vorch/contracts';
import type { ExistingNetwork } from '#vorch/stitching-domain';
import { poolIdOf } from '../address-manager/pool-ids.js';
import { poolOf, type IpamLedger } from '../address-manager/ipam-ledger.js';
import type { PoolWriter } from '../address-manager/pool-writer.js';

/**
 * What happens once every site's side of a network is torn down (StitchedNetworkDeleted): its addresses and MACs
 * go back to the ledger, its pools are deleted, and only then its segmentation id is released, so a VNI is never
 * reused while a tunnel with it may still exist. Every step has a fixed command id: running it twice is harmless.
 */
export class NetworkTeardown {
  constructor(
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
  ) {}

  async releaseResources(state: ExistingNetwork, meta: CommandMeta): Promise<void> {
    const networkId = state.identity.networkId;
    const step = (name: string): CommandMeta => ({ ...meta, commandId: `${networkId}:teardown:${name}` });
    for (const subnet of state.identity.subnets) {
      const poolId = poolIdOf(networkId, subnet.family);
      const pool = poolOf(await this.ledger.loadPool(poolId));
      for (const a of pool?.allocations() ?? []) {
        await this.pools.run(poolId, { type: 'ReleaseAddress', address: a.address, portId: a.portId }, step(`release:${a.address}`));
        if (a.mac) {
          await this.ledger.macs({ type: 'ReleaseMac', mac: a.mac, portId: a.portId }, step(`release-mac:${a.mac}`)).catch(() => undefined);
        }
      }
      if (pool) await this.pools.run(poolId, { type: 'DeletePool' }, step(`delete-pool:${poolId}`));
    }
    await this.ledger.segments(state.identity.segmentation.type, { type: 'ReleaseSegment', networkId }, step('release-segment'));
  }
}
