import type { Decider } from '#vorch/contracts';
import { AllocationTable, type AllocationTableJson } from '../collections/allocation-table.js';
import { formatMac, formatMacPrefix, isMulticastMac, macInPrefix, macPrefixesOverlap, macPrefixRange, parseMac, parseMacPrefix, type MacPrefix } from './mac-address.js';
import {
  InvalidMacError,
  MacExhaustedError,
  MacNotHeldError,
  MacOutsidePrefixError,
  MacPrefixAlreadyAssignedError,
  MacPrefixInUseError,
  MacPrefixMissingError,
  MacPrefixOverlapError,
  MacTakenError,
  PortHasMacError,
} from './mac.errors.js';
import type { MacRegistryCommand } from './mac-registry.commands.js';
import type { MacRegistryEvent } from './mac-registry.events.js';

export interface MacHolder {
  site: string;
  source: 'vorch' | 'site-vim';
}

/**
 * One registry for the whole federation: every MAC any site uses is in one table, so a MAC that one site's VIM
 * chose is never handed out by Vorch for another site, and prefixes are checked against each other.
 */
export interface MacRegistryState {
  /** Few (one per site) and kept as text, so the state is plain JSON apart from the table, which writes itself. */
  prefixes: readonly { site: string; prefix: string }[];
  table: AllocationTable<MacHolder>;
}

function prefixOf(state: MacRegistryState, site: string): MacPrefix | undefined {
  const found = state.prefixes.find((p) => p.site === site);
  return found && parseMacPrefix(found.prefix);
}

/** Revives a state read back from JSON (an event-store snapshot); a live state costs nothing. */
function revive(state: MacRegistryState): MacRegistryState {
  return state.table instanceof AllocationTable ? state : { ...state, table: AllocationTable.revive<MacHolder>(state.table as AllocationTableJson<MacHolder>) };
}

function assignPrefix(site: string, prefixText: string, replace: boolean, state: MacRegistryState): MacRegistryEvent[] {
  const prefix = parseMacPrefix(prefixText);
  const text = formatMacPrefix(prefix);
  const current = prefixOf(state, site);
  if (current && formatMacPrefix(current) === text) return [];
  if (current && !replace) throw new MacPrefixAlreadyAssignedError(site, formatMacPrefix(current));
  for (const other of state.prefixes) {
    if (other.site !== site && macPrefixesOverlap(prefix, parseMacPrefix(other.prefix))) throw new MacPrefixOverlapError(text, other.site, other.prefix);
  }
  // A prefix another site gave up may still hold its MACs: this site's VIM would hand them out again.
  const foreign = state.table.firstAllocationIn(macPrefixRange(prefix), (a) => a.holder.site !== site);
  if (foreign) throw new MacPrefixInUseError(text, formatMac(foreign.value), foreign.holder.site);
  if (current) return [{ type: 'MacPrefixReplaced', data: { site, prefix: text, previous: formatMacPrefix(current) } }];
  return [{ type: 'MacPrefixAssigned', data: { site, prefix: text } }];
}

function allocate(site: string, portId: string, state: MacRegistryState): MacRegistryEvent[] {
  if (state.table.allocationOf(portId)) return [];
  const prefix = prefixOf(state, site);
  if (!prefix) throw new MacPrefixMissingError(site);
  const mac = state.table.firstFreeIn([macPrefixRange(prefix)]);
  if (mac === undefined) throw new MacExhaustedError(site, formatMacPrefix(prefix));
  return [{ type: 'MacAllocated', data: { site, portId, mac: formatMac(mac), source: 'vorch' } }];
}

function record(site: string, portId: string, macText: string, state: MacRegistryState): MacRegistryEvent[] {
  const mac = parseMac(macText);
  if (isMulticastMac(mac)) throw new InvalidMacError(macText, 'a multicast address cannot belong to a port');
  const held = state.table.allocationOf(portId);
  if (held?.value === mac) return [];
  if (held) throw new PortHasMacError(portId, formatMac(held.value));
  // A site with a registered prefix must stay inside it: that is what keeps two sites' MACs from colliding.
  const own = prefixOf(state, site);
  if (own && !macInPrefix(mac, own)) throw new MacOutsidePrefixError(formatMac(mac), site, formatMacPrefix(own));
  const other = state.table.allocationAt(mac);
  if (other) throw new MacTakenError(formatMac(mac), other.owner);
  return [{ type: 'MacAllocated', data: { site, portId, mac: formatMac(mac), source: 'site-vim' } }];
}

function release(macText: string, portId: string | undefined, state: MacRegistryState): MacRegistryEvent[] {
  const mac = parseMac(macText);
  const holder = state.table.allocationAt(mac);
  if (!holder) return [];
  if (portId !== undefined && portId !== holder.owner) throw new MacNotHeldError(formatMac(mac), portId, holder.owner);
  return [{ type: 'MacReleased', data: { portId: holder.owner, mac: formatMac(mac) } }];
}

export function decideMacRegistry(command: MacRegistryCommand, given: MacRegistryState): MacRegistryEvent[] {
  const state = revive(given);
  switch (command.type) {
    case 'AssignMacPrefix':
      return assignPrefix(command.site, command.prefix, command.replace ?? false, state);
    case 'AllocateMac':
      return allocate(command.site, command.portId, state);
    case 'RecordMac':
      return record(command.site, command.portId, command.mac, state);
    case 'ReleaseMac':
      return release(command.mac, command.portId, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveMacRegistry(given: MacRegistryState, event: MacRegistryEvent): MacRegistryState {
  const state = revive(given);
  switch (event.type) {
    case 'MacPrefixAssigned':
      return { ...state, prefixes: [...state.prefixes, { site: event.data.site, prefix: event.data.prefix }] };
    case 'MacPrefixReplaced':
      return { ...state, prefixes: state.prefixes.map((p) => (p.site === event.data.site ? { site: p.site, prefix: event.data.prefix } : p)) };
    case 'MacAllocated': {
      const { site, portId, mac, source } = event.data;
      return { ...state, table: state.table.allocate(parseMac(mac), portId, { site, source }) };
    }
    case 'MacReleased':
      return { ...state, table: state.table.release(parseMac(event.data.mac)) };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export const macRegistryDecider: Decider<MacRegistryCommand, MacRegistryEvent, MacRegistryState> = {
  decide: decideMacRegistry,
  evolve: evolveMacRegistry,
  initialState: () => ({ prefixes: [], table: AllocationTable.empty<MacHolder>() }),
};
