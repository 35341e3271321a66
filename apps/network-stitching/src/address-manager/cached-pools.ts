import type { EventStore } from '#vorch/eventstore';
import { AddressPool, addressPoolDecider, type AddressPoolCommand, type AddressPoolEvent, type AddressPoolState } from '#vorch/ipam-domain';
import { HotAggregates } from './hot-aggregates.js';

/** A state read from a snapshot holds the pool as JSON; revive it once instead of on every decision. */
function live(state: AddressPoolState): AddressPoolState {
  return state.status === 'active' && !(state.pool instanceof AddressPool) ? { ...state, pool: AddressPool.revive(state.pool) } : state;
}

/** The address pools, kept in memory between commands (see HotAggregates): every allocation is a command on one. */
export class CachedPools extends HotAggregates<AddressPoolCommand, AddressPoolEvent, AddressPoolState> {
  constructor(store: EventStore) {
    super(store, addressPoolDecider, { aggregateType: 'pool', live, absent: (s) => s.status === 'absent' });
  }
}
