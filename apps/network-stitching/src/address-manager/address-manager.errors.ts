import { ConflictError, VorchError } from '#vorch/contracts';
import type { VimAddressHolder } from './vim-address-holder.js';

/**
 * The home VIM refused a named address because something outside Vorch holds it there; the holder is the VIM port
 * (with its name and VM) when the VIM shows which one.
 */
export class AddressTakenOnVimError extends ConflictError {
  constructor(address: string, site: string, port?: VimAddressHolder) {
    const which = port ? ` by port ${port.vimPortId}${port.name ? ` (${port.name})` : ''}${port.vmId ? ` of VM ${port.vmId}` : ''}` : '';
    const holder = `held on the home VIM outside Vorch${which}`;
    super('ADDRESS.TAKEN', `${address} is ${holder}, on site ${site}`, { address, holder, site, ...(port ? { vimPort: port } : {}) });
  }
}

/** An address of a stitched port is released by deleting the port, which also removes it on its site. */
export class AddressHeldByPortError extends ConflictError {
  constructor(address: string, portId: string, networkId: string) {
    super(
      'ADDRESS.HELD_BY_PORT',
      `${address} belongs to port ${portId} of network ${networkId}; delete the port instead (DELETE /v1/networks/${networkId}/ports/${portId})`,
      { address, portId, networkId },
    );
  }
}

/** The home site did not answer: nothing was allocated or released, the same request can simply be sent again. */
export class HomeSiteUnreachableError extends VorchError {
  constructor(site: string, cause: string) {
    super('HOME_SITE.UNREACHABLE', `The network's home site ${site} did not answer (${cause}); nothing was changed, try again`, 503, { site });
  }
}

/** The home VIM answered with addresses none of which belongs to the pool asked for (a dual-stack network). */
export class VimAddressFamilyError extends VorchError {
  constructor(poolId: string, ips: string[]) {
    super('ADDRESS.VIM_FAMILY_MISMATCH', `The home VIM allocated ${ips.join(', ') || 'no address'}, none of them in pool ${poolId}`, 502, { poolId, ips });
  }
}
