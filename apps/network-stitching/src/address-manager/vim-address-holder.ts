import { canonicalIp } from '#vorch/ipam-domain';
import type { CommandMeta } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import type { Port } from '#vorch/vim-drivers';
import type { VimClient } from '../stitching/vim-client.js';

const log = createLogger('network-stitching.addresses');

/** What the home VIM shows of the port holding an address Vorch did not give out. */
export interface VimAddressHolder {
  vimPortId: string;
  name: string;
  /** The VM the port is plugged into, when it is. */
  vmId?: string;
}

/** The port of `ports` holding `address` (compared canonically: the VIM may write IPv6 its own way). */
export function holderOf(ports: readonly Port[], address: string): VimAddressHolder | undefined {
  const wanted = canonicalIp(address);
  const port = ports.find((p) => p.ips.some((ip) => canonicalIp(ip) === wanted));
  return port && { vimPortId: port.externalId, name: port.name, ...(port.vmId ? { vmId: port.vmId } : {}) };
}

/**
 * Asks the home VIM which of its ports holds an address it refused as taken, so the operator learns who holds it.
 * Best effort: the refusal is the answer either way, so a VIM that cannot list its ports only costs the detail.
 */
export async function findVimHolder(vim: VimClient, site: string, vimNetworkId: string, address: string, meta: CommandMeta): Promise<VimAddressHolder | undefined> {
  try {
    return holderOf(await vim.listPorts(site, vimNetworkId, meta), address);
  } catch (err) {
    log.warn({ site, vimNetworkId, address, err: (err as Error).message }, 'the holder of a taken address could not be looked up on the home VIM');
    return undefined;
  }
}
