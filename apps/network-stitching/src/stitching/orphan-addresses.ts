import { VorchError, type CommandMeta } from '#vorch/contracts';
import { parseIp } from '#vorch/ipam-domain';
import { createLogger } from '#vorch/telemetry';
import type { Port } from '#vorch/vim-drivers';
import type { IpamLedger } from '../address-manager/ipam-ledger.js';
import { poolIdOf } from '../address-manager/pool-ids.js';
import type { PoolWriter } from '../address-manager/pool-writer.js';
import { portIdInName } from './vim-port-names.js';

const log = createLogger('network-stitching.orphan-sweep');


/**
 * A stitched port (or its home reservation) that was never recorded may still be in the ledger (the service stopped after
 * recording the address, before recording the port). Once its VIM port is deleted the ledger must let the address
 * and MAC go as well, or it would refuse them forever while the home VIM hands them out again. Each release names
 * the port, so an address another port holds by now is never freed.
 */
export class OrphanAddresses {
  constructor(
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
  ) {}

  async release(networkId: string, orphan: Port, meta: CommandMeta): Promise<void> {
    const portId = portIdInName(orphan.name);
    if (!portId) return;
    const step = (name: string): CommandMeta => ({ ...meta, commandId: `${portId}:orphan:${name}` });
    for (const ip of orphan.ips) {
      const poolId = poolIdOf(networkId, parseIp(ip).family);
      await this.pools.run(poolId, { type: 'ReleaseAddress', address: ip, portId }, step(`release:${ip}`)).catch((err: unknown) => expected(err, { networkId, portId, ip }));
    }
    await this.ledger.macs({ type: 'ReleaseMac', mac: orphan.mac, portId }, step('release-mac')).catch((err: unknown) => expected(err, { networkId, portId, mac: orphan.mac }));
  }
}

/** The pool is gone (404) or the address/MAC belongs to another port by now (409): nothing of this port to free. */
function expected(err: unknown, context: Record<string, unknown>): void {
  if (err instanceof VorchError && (err.status === 404 || err.status === 409)) {
    log.info({ ...context, code: err.code }, 'nothing of the orphan left in the ledger');
    return;
  }
  throw err;
}
