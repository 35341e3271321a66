import type { AllocationView } from '#vorch/contracts';
import type { AddressHolder } from '#vorch/ipam-domain';

export function allocationView(poolId: string, a: AddressHolder & { address: string }): AllocationView {
  return {
    poolId,
    portId: a.portId,
    address: a.address,
    source: a.source,
    mac: a.mac ?? null,
    site: a.site ?? null,
    allocationId: a.reservation?.allocationId ?? null,
    vimPortId: a.reservation?.vimPortId ?? null,
  };
}
