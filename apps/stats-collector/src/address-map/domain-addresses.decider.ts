import { decideAddressMap, initialAddressMapState, type AddressEntry } from '#vorch/stats-domain';

/**
 * One domain's addresses as its switches report them. Each switch reports only its own VMs, and the domain's
 * map is the union of the latest report of every switch; stats-domain's address map then takes the domain as a
 * whole. State is plain JSON so the event store can snapshot it.
 */
export interface DomainAddressesState {
  /** Counts accepted reports: the domain version the distributed map carries. */
  version: number;
  switches: Record<string, { version: number; entries: AddressEntry[] }>;
}

export type DomainAddressesCommand =
  | { type: 'ReportSwitchAddresses'; domainId: string; switchId: string; version: number; entries: AddressEntry[] }
  | { type: 'ForgetSwitch'; switchId: string };

export type DomainAddressesEvent =
  | { type: 'SwitchAddressesReported'; data: { switchId: string; version: number; entries: AddressEntry[] } }
  | { type: 'SwitchForgotten'; data: { switchId: string } };

export const domainAddressesDecider = {
  snapshotSchema: 'domain-addresses-1',
  initialState: (): DomainAddressesState => ({ version: 0, switches: {} }),
  decide(command: DomainAddressesCommand, state: DomainAddressesState): DomainAddressesEvent[] {
    switch (command.type) {
      case 'ReportSwitchAddresses':
        return reportSwitchAddresses(command, state);
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

function reportSwitchAddresses(
  command: Extract<DomainAddressesCommand, { type: 'ReportSwitchAddresses' }>,
  state: DomainAddressesState,
): DomainAddressesEvent[] {
  // 1. a switch's reports only move forward: an older or repeated one is a late redelivery, not news
  const held = state.switches[command.switchId]?.version;
  if (held !== undefined && command.version <= held) return [];
  // 2. the whole domain with this switch's new entries must still be a valid map (canonical, one VM per IP);
  //    stats-domain's decider is the judge, and its canonical entries are what we keep
  const others = Object.entries(state.switches).filter(([id]) => id !== command.switchId).flatMap(([, s]) => s.entries);
  const [replaced] = decideAddressMap(
    { type: 'ReplaceDomainAddresses', domainId: command.domainId, version: 1, entries: [...others, ...command.entries] },
    initialAddressMapState,
  );
  const entries = replaced && replaced.type === 'DomainAddressesReplaced' ? replaced.entries.slice(others.length) : [];
  return [{ type: 'SwitchAddressesReported', data: { switchId: command.switchId, version: command.version, entries: [...entries] } }];
}

/** Every address of the domain: what the controller distributes under the domain's key. */
export function domainEntries(state: DomainAddressesState): AddressEntry[] {
  return Object.values(state.switches).flatMap((s) => s.entries);
}
