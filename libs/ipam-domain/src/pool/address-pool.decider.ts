import { NotFoundError, type Decider } from '#vorch/contracts';
import {
  AddressNotHeldError,
  AddressReservedError,
  PoolExhaustedError,
  PoolExistsError,
  PoolInUseError,
  PortAlreadyAllocatedError,
} from '../ipam.errors.js';
import { canonicalMac } from '../mac/mac-address.js';
import type { AllocationSource, HomeVimReservation } from './address-holder.js';
import type { AddressPoolCommand, AllocateNextBatch, AllocateSpecific, RecordExternalAllocation, ReleaseAddress } from './address-pool.commands.js';
import type { AddressAllocated, AddressPoolEvent } from './address-pool.events.js';
import { AddressPool } from './address-pool.js';

export type AddressPoolState =
  | { status: 'absent' }
  | { status: 'active'; poolId: string; networkId: string; pool: AddressPool }
  | { status: 'deleted'; poolId: string };

type ActivePool = Extract<AddressPoolState, { status: 'active' }>;

/** Revives a state read back from JSON (an event-store snapshot); a live state costs nothing. */
function requireActive(state: AddressPoolState): ActivePool {
  if (state.status === 'active') return state.pool instanceof AddressPool ? state : { ...state, pool: AddressPool.revive(state.pool) };
  throw new NotFoundError('Address pool', state.status === 'deleted' ? state.poolId : '(not created)');
}

function allocated(
  state: ActivePool,
  address: bigint,
  source: AllocationSource,
  c: { portId: string; mac?: string; site?: string; reservation?: HomeVimReservation },
): AddressAllocated {
  const data: AddressAllocated['data'] = { poolId: state.poolId, portId: c.portId, address: state.pool.format(address), source };
  if (c.mac !== undefined) data.mac = canonicalMac(c.mac);
  if (c.site !== undefined) data.site = c.site;
  if (c.reservation !== undefined) data.reservation = { allocationId: c.reservation.allocationId, vimPortId: c.reservation.vimPortId };
  return { type: 'AddressAllocated', data };
}

function allocateNext(command: Extract<AddressPoolCommand, { type: 'AllocateNext' }>, state: ActivePool): AddressPoolEvent[] {
  // 1. idempotent: a retried request for the same port gets the address it already holds
  if (state.pool.addressOf(command.portId) !== undefined) return [];
  // 2. the lowest free address of the first range that has one
  const address = state.pool.nextFree();
  if (address === undefined) throw new PoolExhaustedError(state.poolId, state.pool.layout.cidr);
  return [allocated(state, address, 'next-free', command)];
}

function allocateBatch(command: AllocateNextBatch, state: ActivePool): AddressPoolEvent[] {
  const events: AddressPoolEvent[] = [];
  let current = state;
  for (const port of command.ports) {
    const decided = allocateNext({ type: 'AllocateNext', ...port }, current);
    for (const event of decided) current = evolveAddressPool(current, event) as ActivePool;
    events.push(...decided);
  }
  return events;
}

/** AllocateSpecific and RecordExternalAllocation share their checks; only the recorded source differs. */
function allocateNamed(command: AllocateSpecific | RecordExternalAllocation, state: ActivePool, source: AllocationSource): AddressPoolEvent[] {
  const address = state.pool.parseHost(command.address);
  const held = state.pool.addressOf(command.portId);
  if (held === address) return [];
  if (held !== undefined) throw new PortAlreadyAllocatedError(command.portId, state.pool.format(held));
  state.pool.ensureFree(address);
  return [allocated(state, address, source, command)];
}

function release(command: ReleaseAddress, state: ActivePool): AddressPoolEvent[] {
  const address = state.pool.parseHost(command.address);
  const text = state.pool.format(address);
  if (state.pool.isReserved(address)) throw new AddressReservedError(text, state.pool.reservationReason(address));
  const holder = state.pool.holderAt(address);
  // Releasing a free address is a repeat of an earlier release: nothing to do.
  if (!holder) return [];
  if (command.portId !== undefined && command.portId !== holder.portId) throw new AddressNotHeldError(text, command.portId, holder.portId);
  return [{ type: 'AddressReleased', data: { poolId: state.poolId, portId: holder.portId, address: text } }];
}

export function decideAddressPool(command: AddressPoolCommand, state: AddressPoolState): AddressPoolEvent[] {
  switch (command.type) {
    case 'CreatePool': {
      if (state.status !== 'absent') throw new PoolExistsError(state.poolId);
      const pool = AddressPool.define(command.definition);
      return [{ type: 'PoolCreated', data: { poolId: command.poolId, networkId: command.networkId, layout: pool.layout } }];
    }
    case 'AllocateNext':
      return allocateNext(command, requireActive(state));
    case 'AllocateNextBatch':
      return allocateBatch(command, requireActive(state));
    case 'AllocateSpecific':
      return allocateNamed(command, requireActive(state), 'specific');
    case 'RecordExternalAllocation':
      return allocateNamed(command, requireActive(state), 'home-vim');
    case 'ReleaseAddress':
      return release(command, requireActive(state));
    case 'DeletePool': {
      if (state.status === 'deleted') return [];
      const active = requireActive(state);
      if (active.pool.allocatedCount > 0) throw new PoolInUseError(active.poolId, active.pool.allocatedCount);
      return [{ type: 'PoolDeleted', data: { poolId: active.poolId } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveAddressPool(state: AddressPoolState, event: AddressPoolEvent): AddressPoolState {
  switch (event.type) {
    case 'PoolCreated':
      return { status: 'active', poolId: event.data.poolId, networkId: event.data.networkId, pool: AddressPool.define(event.data.layout) };
    case 'AddressAllocated': {
      const active = requireActive(state);
      const { poolId: _poolId, address, ...holder } = event.data;
      return { ...active, pool: active.pool.allocate(active.pool.parseHost(address), holder) };
    }
    case 'AddressReleased': {
      const active = requireActive(state);
      return { ...active, pool: active.pool.release(active.pool.parseHost(event.data.address)) };
    }
    case 'PoolDeleted':
      return { status: 'deleted', poolId: event.data.poolId };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export const addressPoolDecider: Decider<AddressPoolCommand, AddressPoolEvent, AddressPoolState> = {
  decide: decideAddressPool,
  evolve: evolveAddressPool,
  initialState: () => ({ status: 'absent' }),
};
