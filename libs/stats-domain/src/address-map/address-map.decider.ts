import { canonicalIp, canonicalMac } from '../addresses/address-parsing.js';
import type { AddressEntry } from './address-entry.js';
import { AddressIndex } from './address-index.js';
import { InvalidAddressReportError, StaleAddressReportError } from './address-map.errors.js';

/**
 * The address map: for every domain, the addresses its switches reported, at a version the domain's
 * controller chose. A domain is always replaced as a whole, so a VM that moved host or left the domain is
 * never left behind under its old location.
 */
export interface AddressMapState {
  /** Counts applied changes; classified statistics record it so a reader knows which map was used. */
  readonly version: number;
  readonly domains: ReadonlyMap<string, { readonly version: number; readonly entries: readonly AddressEntry[] }>;
  readonly index: AddressIndex;
}

export const initialAddressMapState: AddressMapState = { version: 0, domains: new Map(), index: AddressIndex.empty() };

export type AddressMapCommand =
  | { type: 'ReplaceDomainAddresses'; domainId: string; version: number; entries: readonly AddressEntry[] }
  | { type: 'ForgetDomain'; domainId: string };

export type AddressMapEvent =
  | { type: 'DomainAddressesReplaced'; domainId: string; version: number; entries: readonly AddressEntry[] }
  | { type: 'DomainForgotten'; domainId: string };

export function decideAddressMap(command: AddressMapCommand, state: AddressMapState): AddressMapEvent[] {
  switch (command.type) {
    case 'ReplaceDomainAddresses':
      return replaceDomainAddresses(command, state);
    case 'ForgetDomain':
      return state.domains.has(command.domainId) ? [{ type: 'DomainForgotten', domainId: command.domainId }] : [];
    default: {
      const unknown: never = command;
      throw new Error(`unknown address map command ${JSON.stringify(unknown)}`);
    }
  }
}

function replaceDomainAddresses(
  command: Extract<AddressMapCommand, { type: 'ReplaceDomainAddresses' }>, state: AddressMapState,
): AddressMapEvent[] {
  // 1. versions only move forward; the same version again is a redelivery and changes nothing
  const current = state.domains.get(command.domainId)?.version;
  if (current !== undefined && command.version < current) throw new StaleAddressReportError(command.domainId, command.version, current);
  if (current === command.version) return [];
  // 2. every address canonical, owned by this domain, and given to one VM only
  const problems: { field: string; message: string }[] = [];
  const seenIp = new Map<string, string>();
  const entries = command.entries.map((e, i) => {
    const ip = canonicalIp(e.ip);
    const mac = canonicalMac(e.mac);
    if (!ip) problems.push({ field: `entries.${i}.ip`, message: `${e.ip} is not an IP address` });
    if (!mac) problems.push({ field: `entries.${i}.mac`, message: `${e.mac} is not a MAC address` });
    if (e.domainId !== command.domainId) problems.push({ field: `entries.${i}.domainId`, message: `belongs to ${e.domainId}, not ${command.domainId}` });
    if (ip && seenIp.has(ip) && seenIp.get(ip) !== e.vmId) problems.push({ field: `entries.${i}.ip`, message: `${ip} is also ${seenIp.get(ip)}'s` });
    if (ip) seenIp.set(ip, e.vmId);
    return { ...e, ip: ip ?? e.ip, mac: mac ?? e.mac };
  });
  if (problems.length > 0) throw new InvalidAddressReportError(problems);
  return [{ type: 'DomainAddressesReplaced', domainId: command.domainId, version: command.version, entries }];
}

export function evolveAddressMap(state: AddressMapState, event: AddressMapEvent): AddressMapState {
  const domains = new Map(state.domains);
  switch (event.type) {
    case 'DomainAddressesReplaced':
      // Re-inserting moves the domain last, so its addresses win over stale claims by other domains.
      domains.delete(event.domainId);
      domains.set(event.domainId, { version: event.version, entries: event.entries });
      break;
    case 'DomainForgotten':
      domains.delete(event.domainId);
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown address map event ${JSON.stringify(unknown)}`);
    }
  }
  const version = state.version + 1;
  const all = [...domains.values()].flatMap((d) => d.entries);
  return { version, domains, index: AddressIndex.build(version, all) };
}
