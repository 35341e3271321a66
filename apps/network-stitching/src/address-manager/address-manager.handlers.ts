import { Injectable } from '@nestjs/common';
import { AllocateAddressInput, IPAM_SUBJECTS, PoolIdInput, ReleaseAddressInput, SetMacPrefixInput, type CommandMeta } from '#vorch/contracts';
import { HandleRequest } from '#vorch/messaging';
import { NetworkStitchingCore } from '../network-stitching.core.js';

/** The address manager's bus interface (IPAM_SUBJECTS). */
@Injectable()
export class AddressManagerHandlers {
  constructor(private readonly core: NetworkStitchingCore) {}

  @HandleRequest({ subject: IPAM_SUBJECTS.allocate, input: AllocateAddressInput })
  allocate(input: AllocateAddressInput, meta: CommandMeta) {
    return this.core.addresses.allocate(input, meta);
  }

  @HandleRequest({ subject: IPAM_SUBJECTS.release, input: ReleaseAddressInput })
  release(input: ReleaseAddressInput, meta: CommandMeta) {
    return this.core.addresses.release(input, meta);
  }

  @HandleRequest({ subject: IPAM_SUBJECTS.listAllocations, input: PoolIdInput })
  list(input: PoolIdInput, meta: CommandMeta) {
    return this.core.addresses.list(input.poolId, meta);
  }

  /** Federation-wide (prefixes span tenants): the gateway lets only admins send it. */
  @HandleRequest({ subject: IPAM_SUBJECTS.setMacPrefix, input: SetMacPrefixInput })
  setMacPrefix(input: SetMacPrefixInput, meta: CommandMeta) {
    return this.core.addresses.setMacPrefix(input, meta);
  }

  @HandleRequest({ subject: IPAM_SUBJECTS.listMacPrefixes })
  listMacPrefixes() {
    return this.core.addresses.listMacPrefixes();
  }
}
