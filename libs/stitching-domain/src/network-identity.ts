import { ValidationError, type FieldError } from '#vorch/contracts';
import {
  AddressPool,
  cidrsOverlap,
  isSegmentationType,
  parseCidr,
  SEGMENTATION_LIMITS,
  type AddressRangeText,
  type IpFamily,
  type PoolDefinition,
  type ReservedRangeText,
  type SegmentationType,
} from '#vorch/ipam-domain';
import { DEFAULT_FEDERATION_ASN, routeTargetsFor, type RouteTargets } from './route-targets.js';

export interface SubnetRequest {
  cidr: string;
  /** Omitted: the first host address. `null`: no gateway. */
  gateway?: string | null;
  /** Where next-free allocation looks, in order. Omitted: every host address. */
  allocationRanges?: AddressRangeText[];
  reserved?: ReservedRangeText[];
}

export interface SubnetIdentity {
  family: IpFamily;
  cidr: string;
  gateway: string | null;
  /** Only when the request named them (canonical text); without them a subnet hands out every host address. */
  allocationRanges?: AddressRangeText[];
  reserved?: Required<ReservedRangeText>[];
}

/**
 * Everything another site needs to build a network that joins this one, independent of any VIM's dialect:
 * the same segmentation id on the wire, the same subnets and gateway, the same MTU, the same route targets.
 */
export interface NetworkIdentity {
  networkId: string;
  name: string;
  homeSite: string;
  segmentation: { type: SegmentationType; id: number };
  subnets: SubnetIdentity[];
  mtu: number;
  routeTargets: RouteTargets;
}

export interface NetworkIdentityRequest {
  networkId: string;
  name: string;
  homeSite: string;
  subnets: SubnetRequest[];
  mtu: number;
  /** Allocated beforehand by the federation's segment allocator, so it is unique across every site. */
  segmentation: { type: SegmentationType; id: number };
  asn?: number;
}

/**
 * The MTU of a network created without one: a VXLAN segment carried over a 1500-byte IPv4 underlay loses 50 bytes to
 * the outer headers, which is also what Neutron gives a VXLAN network by default.
 */
export const DEFAULT_NETWORK_MTU = 1450;

/** IPv6 needs links of at least 1280 bytes (RFC 8200); 9000 is the usual jumbo-frame ceiling of an underlay. */
const MTU_MIN = { 4: 576, 6: 1280 } as const;
const MTU_MAX = 9000;

/**
 * Validates a request and builds the identity: at most one subnet per IP version, CIDRs and gateways parsed by the
 * address manager's rules (so a pool can be created from the same text), the MTU within what every subnet allows.
 */
export function describeNetwork(request: NetworkIdentityRequest): NetworkIdentity {
  const errors: FieldError[] = [];
  const subnets: SubnetIdentity[] = request.subnets.map((s) => {
    // AddressPool.define throws the address manager's own 400s (CIDR.INVALID, ADDRESS.*) for bad text.
    const layout = AddressPool.define(s).layout;
    return {
      family: parseCidr(layout.cidr).family,
      cidr: layout.cidr,
      gateway: layout.gateway,
      ...(s.allocationRanges?.length ? { allocationRanges: layout.allocationRanges } : {}),
      ...(s.reserved?.length ? { reserved: layout.reserved } : {}),
    };
  });
  if (subnets.length === 0) errors.push({ field: 'subnets', message: 'at least one subnet (IPv4 and/or IPv6) is required' });
  for (const family of [4, 6] as const) {
    if (subnets.filter((s) => s.family === family).length > 1) errors.push({ field: 'subnets', message: `more than one IPv${family} subnet` });
  }
  const cidrs = subnets.map((s) => parseCidr(s.cidr));
  if (cidrs.some((a, i) => cidrs.some((b, j) => i < j && cidrsOverlap(a, b)))) errors.push({ field: 'subnets', message: 'subnets overlap' });
  const minMtu = Math.max(...subnets.map((s) => MTU_MIN[s.family]), MTU_MIN[4]);
  if (!Number.isInteger(request.mtu) || request.mtu < minMtu || request.mtu > MTU_MAX) {
    errors.push({ field: 'mtu', message: `must be an integer from ${minMtu} to ${MTU_MAX}` });
  }
  const { type, id } = request.segmentation;
  if (!isSegmentationType(type)) errors.push({ field: 'segmentation.type', message: 'must be vxlan, geneve or vlan' });
  else if (!Number.isInteger(id) || id < SEGMENTATION_LIMITS[type].min || id > SEGMENTATION_LIMITS[type].max) {
    errors.push({ field: 'segmentation.id', message: `must be from ${SEGMENTATION_LIMITS[type].min} to ${SEGMENTATION_LIMITS[type].max}` });
  }
  const asn = request.asn ?? DEFAULT_FEDERATION_ASN;
  if (!Number.isInteger(asn) || asn < 1 || asn > 65535) errors.push({ field: 'asn', message: 'must be a 2-byte AS number (1 to 65535)' });
  if (!request.name?.trim()) errors.push({ field: 'name', message: 'must not be empty' });
  if (!request.homeSite?.trim()) errors.push({ field: 'homeSite', message: 'must not be empty' });
  if (errors.length) throw new ValidationError(errors);
  return {
    networkId: request.networkId,
    name: request.name,
    homeSite: request.homeSite,
    segmentation: { type, id },
    subnets,
    mtu: request.mtu,
    routeTargets: routeTargetsFor(asn, id),
  };
}

/** The address pool a subnet of the identity opens (the same gateway, ranges and reserved addresses). */
export function poolDefinitionOf(subnet: SubnetIdentity): PoolDefinition {
  return { cidr: subnet.cidr, gateway: subnet.gateway, allocationRanges: subnet.allocationRanges, reserved: subnet.reserved };
}
