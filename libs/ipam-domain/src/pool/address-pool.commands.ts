import type { HomeVimReservation } from './address-holder.js';
import type { PoolDefinition } from './pool-definition.js';

export interface CreatePool {
  type: 'CreatePool';
  poolId: string;
  networkId: string;
  definition: PoolDefinition;
}

/** Vorch picks the lowest free address. Repeating it for a port that already holds one returns that one. */
export interface AllocateNext {
  type: 'AllocateNext';
  portId: string;
  mac?: string;
  site?: string;
}

/**
 * Several next-free allocations decided together and appended as one commit. The service coalesces requests that
 * arrive together for one pool into this, so 64 parallel requests cost one append instead of 64 racing ones.
 * Ports that already hold an address are skipped (idempotent); a pool that runs out fails the whole batch.
 */
export interface AllocateNextBatch {
  type: 'AllocateNextBatch';
  ports: { portId: string; mac?: string; site?: string }[];
}

export interface AllocateSpecific {
  type: 'AllocateSpecific';
  portId: string;
  address: string;
  mac?: string;
  site?: string;
}

/** The home site's VIM allocated the address (it is the authority for the network); Vorch records it in its ledger. */
export interface RecordExternalAllocation {
  type: 'RecordExternalAllocation';
  portId: string;
  address: string;
  mac?: string;
  site?: string;
  /** The reservation port on the home VIM, when the address manager allocated the address directly. */
  reservation?: HomeVimReservation;
}

/** Frees an address. With `portId`, only if that port holds it, so a stale release cannot free someone else's address. */
export interface ReleaseAddress {
  type: 'ReleaseAddress';
  address: string;
  portId?: string;
}

export interface DeletePool {
  type: 'DeletePool';
}

export type AddressPoolCommand = CreatePool | AllocateNext | AllocateNextBatch | AllocateSpecific | RecordExternalAllocation | ReleaseAddress | DeletePool;
