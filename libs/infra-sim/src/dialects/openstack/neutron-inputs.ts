import { Type } from 'class-transformer';
import { Allow, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

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

export class SubnetInput {
  @IsString() network_id!: string;
  @Matches(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/) cidr!: string;
  @IsOptional() @IsIn([4]) ip_version?: number;
  @IsOptional() @Matches(/^(\d{1,3}\.){3}\d{1,3}$/) gateway_ip?: string;
  @IsOptional() @IsString() name?: string;
  @Allow() enable_dhcp?: unknown;
  @Allow() allocation_pools?: unknown;
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
  @IsOptional() @Matches(/^(\d{1,3}\.){3}\d{1,3}$/) ip_address?: string;
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
