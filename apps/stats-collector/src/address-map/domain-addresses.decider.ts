import { inventoryPartSourceId, isSourceOfInventorySite } from '#vorch/contracts';
import { decideAddressMap, initialAddressMapState, type AddressEntry } from '#vorch/stats-domain';
import { mergeAddressSources, type AddressSource, type OverruledEntry } from './merge-address-sources.js';

/**
 * One domain's addresses as its sources report them: every switch reports its own VMs, and Vorch's inventory
 * reports each site's VMs as the VIM knows them (source id `inventory-<siteId>`, or one source per part,
 * `inventory-<siteId>#<index>/<count>`, when the site's report is too big for one message). The domain's map is the
 * merge of every source's latest report (`merge-address-sources.ts`). State is plain JSON so the event store can
 * snapshot it.
 */
export interface DomainAddressesState {
  /** Counts accepted reports: the domain version the distributed map carries. */
  version: number;
  /** Every source's latest report by source id. Named `switches` since the first schema, when only switches reported. */
  switches: Record<string, AddressSource>;
}

export type DomainAddressesCommand =
  | { type: 'ReportSwitchAddresses'; domainId: string; switchId: string; version: number; entries: AddressEntry[] }
  /** `sourceId` is the site's (`inventory-<siteId>`); `part` is absent when the report is whole. */
  | { type: 'ReportInventoryAddresses'; domainId: string; sourceId: string; version: number; entries: AddressEntry[]; part?: ReportPart }
  | { type: 'ForgetSwitch'; switchId: string };

/** Part `index` of `count` of a site's report. */
export interface ReportPart {
  index: number;
  count: number;
}

export type DomainAddressesEvent =
  | { type: 'SwitchAddressesReported'; data: { switchId: string; version: number; entries: AddressEntry[] } }
  /** `sourceId` is the part's source id; events recorded before reports had parts have no `part` (a whole report). */
  | { type: 'InventoryAddressesReported'; data: { sourceId: string; version: number; entries: AddressEntry[]; part?: ReportPart } }
  /** A site's sources made stale by a complete newer split (an older split's parts, or the single-part source). */
  | { type: 'InventorySourcesDropped'; data: { sourceIds: string[] } }
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
        switches[event.data.sourceId] = {
          kind: 'inventory', version: event.data.version, entries: event.data.entries, ...(event.data.part ? { part: event.data.part } : {}),
        };
        break;
      case 'InventorySourcesDropped':
        for (const id of event.data.sourceIds) delete switches[id];
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

const WHOLE: ReportPart = { index: 0, count: 1 };

/** The source a site's report (or one part of it) is held under: the command's identity too. */
export function inventoryReportSourceId(command: Extract<DomainAddressesCommand, { type: 'ReportInventoryAddresses' }>): string {
  const { index, count } = command.part ?? WHOLE;
  return inventoryPartSourceId(command.sourceId, index, count);
}

function reportInventoryAddresses(
  command: Extract<DomainAddressesCommand, { type: 'ReportInventoryAddresses' }>,
  state: DomainAddressesState,
): DomainAddressesEvent[] {
  const part = command.part ?? WHOLE;
  const sourceId = inventoryReportSourceId(command);
  const siteSources = Object.entries(state.switches).filter(([id]) => isSourceOfInventorySite(id, command.sourceId));
  // 1. a late redelivery decides nothing; nor does a part older than a part of another split (a straggler of the
  //    old split, redelivered after the new one took over, must not come back as a source nobody drops). Equal
  //    versions are the same facts: a publisher that restarted may split them differently, and must get through.
  if (!isNews(state, sourceId, command.version)) return [];
  if (siteSources.some(([, s]) => (s.part?.count ?? 1) !== part.count && s.version > command.version)) return [];
  // 2. the part must be valid on its own; how it meets the switches' reports is the merge's business, so a VM the
  //    VIM places elsewhere than its switch does never costs the site's whole report
  const entries = canonicalTail(command.domainId, command.entries, command.entries.length);
  const reported: DomainAddressesEvent = {
    type: 'InventoryAddressesReported',
    data: { sourceId, version: command.version, entries, ...(command.part ? { part: { index: part.index, count: part.count } } : {}) },
  };
  // 3. once every part of this split is held (in publish order: at the last part), the site's other sources are
  //    stale. Until then they keep claiming their VMs, so no VM is missing while the split changes.
  const current = new Set(Array.from({ length: part.count }, (_, i) => inventoryPartSourceId(command.sourceId, i, part.count)));
  const complete = [...current].every((id) => id === sourceId || state.switches[id] !== undefined);
  const stale = siteSources.map(([id]) => id).filter((id) => !current.has(id));
  if (!complete || stale.length === 0) return [reported];
  return [reported, { type: 'InventorySourcesDropped', data: { sourceIds: stale.sort() } }];
}

/** Every address of the domain: what the controller distributes under the domain's key. */
export function domainEntries(state: DomainAddressesState): AddressEntry[] {
  return mergeAddressSources(state.switches).entries;
}

/** Inventory entries the merge left out because a switch says otherwise: counted and logged by the controller. */
export function overruledEntries(state: DomainAddressesState): OverruledEntry[] {
  return mergeAddressSources(state.switches).overruled;
}
