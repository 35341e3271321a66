import type { AllocationSource } from './address-holder.js';
import type { PoolLayout } from './pool-definition.js';

export interface PoolCreated {
  type: 'PoolCreated';
  data: { poolId: string; networkId: string; layout: PoolLayout };
}

export interface AddressAllocated {
  type: 'AddressAllocated';
  data: { poolId: string; portId: string; address: string; source: AllocationSource; mac?: string; site?: string };
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
