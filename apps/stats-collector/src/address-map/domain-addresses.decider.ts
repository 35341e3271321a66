import { decideAddressMap, initialAddressMapState, type AddressEntry } from '#vorch/stats-domain';
import { mergeAddressSources, type AddressSource, type OverruledEntry } from './merge-address-sources.js';

/**
 * One domain's addresses as its sources report them: every switch reports its own VMs, and Vorch's inventory
 * reports each site's VMs as the VIM knows them (source id `inventory-<siteId>`). The domain's map is the merge of
 * every source's latest report (`merge-address-sources.ts`). State is plain JSON so the event store can snapshot it.
 */
export interface DomainAddressesState {
  /** Counts accepted reports: the domain version the distributed map carries. */
  version: number;
  /** Every source's latest report by source id. Named `switches` since the first schema, when only switches reported. */
  switches: Record<string, AddressSource>;
}

export type DomainAddressesCommand =
  | { type: 'ReportSwitchAddresses'; domainId: string; switchId: string; version: number; entries: AddressEntry[] }
  | { type: 'ReportInventoryAddresses'; domainId: string; sourceId: string; version: number; entries: AddressEntry[] }
  | { type: 'ForgetSwitch'; switchId: string };

export type DomainAddressesEvent =
  | { type: 'SwitchAddressesReported'; data: { switchId: string; version: number; entries: AddressEntry[] } }
  | { type: 'InventoryAddressesReported'; data: { sourceId: string; version: number; entries: AddressEntry[] } }
  | { type: 'SwitchForgotten'; data: { switchId: string } };

export const domainAddressesDecider = {
  snapshotSchema: 'domain-addresses-1',
  initialState: (): DomainAddressesState => ({ version: 0, switches: {} }),
  decide(command: DomainAddressesCommand, state: DomainAddressesState): DomainAddressesEvent[] {
    switch (command.type) {
      case 'ReportSwitchAddresses':
        return reportSwitchAddresses(command, state);
      case 'ReportInventoryAddresses':
        return reportInventoryAddresses(command, state);
      case 'ForgetSwitch':
        return state.switches[command.switchId] ? [{ type: 'SwitchForgotten', data: { switchId: command.switchId } }] : [];
      default: {
        const unknown: never = command;
        throw new Error(`unknown domain addresses command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state: DomainAddressesState, event: DomainAddressesEvent): DomainAddressesState {
    const switches = { ...state.switches };
    switch (event.type) {
      case 'SwitchAddressesReported':
        switches[event.data.switchId] = { version: event.data.version, entries: event.data.entries };
        break;
      case 'InventoryAddressesReported':
        switches[event.data.sourceId] = { kind: 'inventory', version: event.data.version, entries: event.data.entries };
        break;
      case 'SwitchForgotten':
        delete switches[event.data.switchId];
        break;
      default: {
        const unknown: never = event;
        throw new Error(`unknown domain addresses event ${JSON.stringify(unknown)}`);
      }
    }
    return { version: state.version + 1, switches };
  },
};

/** A source's reports only move forward: an older or repeated one is a late redelivery, not news. */
function isNews(state: DomainAddressesState, sourceId: string, version: number): boolean {
  const held = state.switches[sourceId]?.version;
  return held === undefined || version > held;
}

/**
 * stats-domain's decider judges a set of entries (canonical IP/MAC, the domain's own, one VM per IP) and returns
 * them canonical; the last `count` of them are the reporting source's.
 */
function canonicalTail(domainId: string, entries: AddressEntry[], count: number): AddressEntry[] {
  const [replaced] = decideAddressMap({ type: 'ReplaceDomainAddresses', domainId, version: 1, entries }, initialAddressMapState);
  return replaced && replaced.type === 'DomainAddressesReplaced' ? [...replaced.entries.slice(entries.length - count)] : [];
}

function reportSwitchAddresses(
  command: Extract<DomainAddressesCommand, { type: 'ReportSwitchAddresses' }>,
  state: DomainAddressesState,
): DomainAddressesEvent[] {
  // 1. a late redelivery decides nothing
  if (!isNews(state, command.switchId, command.version)) return [];
  // 2. with the other switches' entries, the domain must still be a valid map: an IP one switch gives to another
  //    switch's VM is refused. Inventory entries are not in the way: where they disagree, the switch wins at merge.
  const others = Object.entries(state.switches)
    .filter(([id, s]) => id !== command.switchId && s.kind !== 'inventory')
    .flatMap(([, s]) => s.entries);
  const entries = canonicalTail(command.domainId, [...others, ...command.entries], command.entries.length);
  return [{ type: 'SwitchAddressesReported', data: { switchId: command.switchId, version: command.version, entries } }];
}

function reportInventoryAddresses(
  command: Extract<DomainAddressesCommand, { type: 'ReportInventoryAddresses' }>,
  state: DomainAddressesState,
): DomainAddressesEvent[] {
  if (!isNews(state, command.sourceId, command.version)) return [];
  // The report must be valid on its own; how it meets the switches' reports is the merge's business, so a VM the
  // VIM places elsewhere than its switch does never costs the site's whole report.
  const entries = canonicalTail(command.domainId, command.entries, command.entries.length);
  return [{ type: 'InventoryAddressesReported', data: { sourceId: command.sourceId, version: command.version, entries } }];
}

/** Every address of the domain: what the controller distributes under the domain's key. */
export function domainEntries(state: DomainAddressesState): AddressEntry[] {
  return mergeAddressSources(state.switches).entries;
}

/** Inventory entries the merge left out because a switch says otherwise: counted and logged by the controller. */
export function overruledEntries(state: DomainAddressesState): OverruledEntry[] {
  return mergeAddressSources(state.switches).overruled;
}
