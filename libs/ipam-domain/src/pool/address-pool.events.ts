import type { AllocationSource, HomeVimReservation } from './address-holder.js';
import type { PoolLayout } from './pool-definition.js';

export interface PoolCreated {
  type: 'PoolCreated';
  data: { poolId: string; networkId: string; layout: PoolLayout };
}

export interface AddressAllocated {
  type: 'AddressAllocated';
  /** `reservation` is optional: events written before it existed load as allocations without one. */
  data: { poolId: string; portId: string; address: string; source: AllocationSource; mac?: string; site?: string; reservation?: HomeVimReservation };
}

export interface AddressReleased {
  type: 'AddressReleased';
  data: { poolId: string; portId: string; address: string };
}

export interface PoolDeleted {
  type: 'PoolDeleted';
  data: { poolId: string };
}

export type AddressPoolEvent = PoolCreated | AddressAllocated | AddressReleased | PoolDeleted;
