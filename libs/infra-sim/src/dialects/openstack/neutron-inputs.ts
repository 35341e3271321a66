import { Type } from 'class-transformer';
import { Allow, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Address text of either family; the model parses it exactly and answers InvalidInput for what it refuses. */
const IP_ADDRESS = /^[0-9a-fA-F.:]+$/;
const IP_CIDR = /^[0-9a-fA-F.:]+\/\d{1,3}$/;
/** Neutron's IPv6 modes; the simulator hands out IPv6 addresses from its IPAM (stateful) whichever is set. */
const IPV6_MODES = ['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless'];

export class NetworkInput {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsIn(['vlan', 'vxlan', 'geneve']) 'provider:network_type'?: 'vlan' | 'vxlan' | 'geneve';
  @IsOptional() @IsInt() @Min(1) @Max(16_777_215) 'provider:segmentation_id'?: number;
  @IsOptional() @IsString() 'provider:physical_network'?: string;
  @Allow() admin_state_up?: unknown;
  @Allow() shared?: unknown;
  @Allow() mtu?: unknown;
  @Allow() description?: unknown;
  @Allow() 'router:external'?: unknown;
  @Allow() port_security_enabled?: unknown;
  @Allow() project_id?: unknown;
  @Allow() tenant_id?: unknown;
}

export class CreateNetworkBody {
  @ValidateNested() @Type(() => NetworkInput) network!: NetworkInput;
}

/** One of a subnet's allocation_pools: the model checks that it lies in the subnet and overlaps no other. */
export class AllocationPoolInput {
  @Matches(IP_ADDRESS) start!: string;
  @Matches(IP_ADDRESS) end!: string;
}

export class SubnetInput {
  @IsString() network_id!: string;
  @Matches(IP_CIDR) cidr!: string;
  @IsOptional() @IsIn([4, 6]) ip_version?: 4 | 6;
  @IsOptional() @Matches(IP_ADDRESS) gateway_ip?: string;
  @IsOptional() @IsIn(IPV6_MODES) ipv6_address_mode?: string;
  @IsOptional() @IsIn(IPV6_MODES) ipv6_ra_mode?: string;
  @IsOptional() @IsString() name?: string;
  @Allow() enable_dhcp?: unknown;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => AllocationPoolInput) allocation_pools?: AllocationPoolInput[];
  @Allow() dns_nameservers?: unknown;
  @Allow() description?: unknown;
  @Allow() project_id?: unknown;
  @Allow() tenant_id?: unknown;
}

export class CreateSubnetBody {
  @ValidateNested() @Type(() => SubnetInput) subnet!: SubnetInput;
}

export class FixedIpInput {
  @IsOptional() @IsString() subnet_id?: string;
  @IsOptional() @Matches(IP_ADDRESS) ip_address?: string;
}

export class PortInput {
  @IsString() network_id!: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() mac_address?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => FixedIpInput) fixed_ips?: FixedIpInput[];
  @Allow() device_id?: unknown;
  @Allow() device_owner?: unknown;
  @Allow() admin_state_up?: unknown;
  @Allow() security_groups?: unknown;
  @Allow() 'binding:host_id'?: unknown;
  @Allow() description?: unknown;
  @Allow() port_security_enabled?: unknown;
  @Allow() project_id?: unknown;
  @Allow() tenant_id?: unknown;
}

export class CreatePortBody {
  @ValidateNested() @Type(() => PortInput) port!: PortInput;
}
