import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageInput } from '../inventory/site-queries.input.js';
import { NETWORK_STATES, type NetworkState } from './network.views.js';

const SITE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const NETWORK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A range of addresses, both ends included. */
export class AddressRangeInput {
  @IsString() @MaxLength(64) start!: string;
  @IsString() @MaxLength(64) end!: string;
}

export class ReservedRangeInput extends AddressRangeInput {
  /** Why nobody may have these (DHCP agents, VRRP, an appliance); named when an allocation asks for one. */
  @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

/**
 * How one of the network's subnets hands out addresses. Everything but `cidr` has a default: the gateway is the first
 * host address (`null`: none), allocation draws on every host address, nothing is reserved. The home site's VIM is
 * given the same ranges, so what it allocates is what the address manager allows.
 */
export class SubnetOptionsInput {
  /** One of the network's `cidr`. */
  @IsString() @MaxLength(64) cidr!: string;
  /** `null`: the subnet has no gateway (IsOptional lets null through). */
  @IsOptional() @IsString() @MaxLength(64) gateway?: string | null;
  /** Where next-free allocation looks, in this order. */
  @IsOptional() @IsArray() @ArrayMaxSize(64) @ValidateNested({ each: true }) @Type(() => AddressRangeInput) allocationRanges?: AddressRangeInput[];
  @IsOptional() @IsArray() @ArrayMaxSize(256) @ValidateNested({ each: true }) @Type(() => ReservedRangeInput) reserved?: ReservedRangeInput[];
}

/**
 * POST /v1/networks. `cidr` holds one IPv4 and/or one IPv6 subnet; the domain checks their meaning. Without
 * `stretchTo` the network lives on its home site only until sites are added; without `mtu` it gets 1450 (a VXLAN
 * segment over a 1500-byte underlay).
 */
export class CreateNetworkInput {
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'name must be 1-40 lowercase letters, digits or dashes' }) name!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @IsString({ each: true }) @MaxLength(64, { each: true }) cidr!: string[];
  @IsString() @Matches(SITE_ID, { message: 'homeSite must be a site id' }) homeSite!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(32) @Matches(SITE_ID, { each: true, message: 'stretchTo must hold site ids' }) stretchTo?: string[];
  @IsOptional() @IsInt() @Min(576) @Max(9000) mtu?: number;
  /** Gateway, allocation ranges and reserved addresses of some of the subnets in `cidr` (at most one entry each). */
  @IsOptional() @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => SubnetOptionsInput) subnets?: SubnetOptionsInput[];
}

export class NetworkIdInput {
  @IsString() @Matches(NETWORK_ID, { message: 'id must be a network id' }) id!: string;
}

/** Adding a site to a stretched network, or removing one. */
export class NetworkSiteInput {
  @IsString() @Matches(NETWORK_ID, { message: 'id must be a network id' }) id!: string;
  @IsString() @Matches(SITE_ID, { message: 'site must be a site id' }) site!: string;
}

/** Body of POST /v1/networks/{id}/sites. */
export class AddNetworkSiteBody {
  @IsString() @Matches(SITE_ID, { message: 'site must be a site id' }) site!: string;
}

/** Body of POST /v1/networks/{id}/ports: the port is created on `site` with a MAC/IP from the home site's VIM. */
export class CreatePortBody {
  @IsString() @Matches(SITE_ID, { message: 'site must be a site id' }) site!: string;
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'name must be 1-40 lowercase letters, digits or dashes' }) name!: string;
}

export class CreatePortInput extends CreatePortBody {
  @IsString() @Matches(NETWORK_ID, { message: 'networkId must be a network id' }) networkId!: string;
}

/** DELETE /v1/networks/{id}/ports/{portId}. */
export class PortIdInput {
  @IsString() @Matches(NETWORK_ID, { message: 'networkId must be a network id' }) networkId!: string;
  @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'portId must be a port id' }) portId!: string;
}

/**
 * Read-your-writes across requests: a command's answer carries `seq` (where its commit sits in the event stream);
 * a query given `minSeq` answers only once the read model includes that position (504 if it does not in time).
 */
export class ReadAfterInput {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minSeq?: number;
}

/** GET /v1/networks/{id}. */
export class GetNetworkInput extends ReadAfterInput {
  @IsString() @Matches(NETWORK_ID, { message: 'id must be a network id' }) id!: string;
}

/** Query of GET /v1/networks/{id}/ports: keyset pages in port id order. */
export class ListPortsQuery extends PageInput {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minSeq?: number;
}

export class ListPortsInput extends ListPortsQuery {
  @IsString() @Matches(NETWORK_ID, { message: 'networkId must be a network id' }) networkId!: string;
}

/** GET /v1/networks: every filter is optional; pages follow the network id (creation order). */
export class ListNetworksInput extends PageInput {
  @IsOptional() @IsString() @MaxLength(40) name?: string;
  @IsOptional() @IsString() @Matches(SITE_ID, { message: 'homeSite must be a site id' }) homeSite?: string;
  /** Networks with a side on this site (home or peer, not torn down). */
  @IsOptional() @IsString() @Matches(SITE_ID, { message: 'site must be a site id' }) site?: string;
  /** The network's overall state; without it, deleted networks are left out. */
  @IsOptional() @IsIn(NETWORK_STATES, { message: `state must be one of ${NETWORK_STATES.join(', ')}` }) state?: NetworkState;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minSeq?: number;
}
