import type { AddressEntry } from '../address-map/address-entry.js';
import type { AddressIndex } from '../address-map/address-index.js';
import type { TrafficClass } from './traffic-class.js';

/** The class of traffic between two ends; an end the map does not know makes it external, never dropped. */
export function classifyEnds(src: AddressEntry | undefined, dst: AddressEntry | undefined): TrafficClass {
  if (!src || !dst) return 'external';
  if (src.hostId === dst.hostId && src.domainId === dst.domainId) return 'intra-server';
  if (src.domainId === dst.domainId) return 'inter-server-intra-domain';
  return 'inter-domain';
}

/** The addresses of a flow's two ends: IPs, or MACs alone for L2 records that carry no IP. */
export interface FlowEnds {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcMac: string;
  readonly dstMac: string;
}

/** Looks an end up by IP when the record has one, by MAC otherwise. */
export function lookupEnd(index: AddressIndex, ip: string, mac: string): AddressEntry | undefined {
  if (ip !== '') return index.byAddress(ip);
  return mac !== '' ? index.byHardwareAddress(mac) : undefined;
}

export function classifyFlow(index: AddressIndex, flow: FlowEnds): TrafficClass {
  return classifyEnds(lookupEnd(index, flow.srcIp, flow.srcMac), lookupEnd(index, flow.dstIp, flow.dstMac));
}
