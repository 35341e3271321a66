import { Type } from 'class-transformer';
import { Allow, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Address text of either family; the model parses it exactly. */
const IP_ADDRESS = /^[0-9a-fA-F.:]+$/;

export class PlacementSpec {
  @IsOptional() @IsString() host?: string;
  @IsOptional() @IsString() cluster?: string;
  @Allow() folder?: unknown;
  @Allow() resource_pool?: unknown;
  @Allow() datastore?: unknown;
}

export class CpuSpec {
  @IsInt() @Min(1) count!: number;
  @Allow() cores_per_socket?: unknown;
  @Allow() hot_add_enabled?: unknown;
}

export class MemorySpec {
  @IsInt() @Min(4) size_MiB!: number;
  @Allow() hot_add_enabled?: unknown;
}

export class NicBackingSpec {
  @IsIn(['DISTRIBUTED_PORTGROUP', 'STANDARD_PORTGROUP', 'OPAQUE_NETWORK']) type!: string;
  @IsString() network!: string;
}

export class NicSpec {
  @IsOptional() @ValidateNested() @Type(() => NicBackingSpec) backing?: NicBackingSpec;
  @IsOptional() @IsIn(['GENERATED', 'MANUAL', 'ASSIGNED']) mac_type?: string;
  @IsOptional() @IsString() mac_address?: string;
  @IsOptional() @Matches(IP_ADDRESS) vorch_ip_address?: string;
  /** Every fixed IP of the NIC's port (dual-stack); vorch_ip_address is the one-address form. */
  @IsOptional() @IsArray() @Matches(IP_ADDRESS, { each: true }) vorch_ip_addresses?: string[];
  @IsOptional() @IsString() vorch_port?: string;
  @Allow() type?: unknown;
  @Allow() start_connected?: unknown;
  @Allow() allow_guest_control?: unknown;
  @Allow() wake_on_lan_enabled?: unknown;
}

export class VmCreateSpec {
  @IsString() name!: string;
  @IsOptional() @IsString() guest_OS?: string;
  @IsOptional() @ValidateNested() @Type(() => PlacementSpec) placement?: PlacementSpec;
  @IsOptional() @ValidateNested() @Type(() => CpuSpec) cpu?: CpuSpec;
  @IsOptional() @ValidateNested() @Type(() => MemorySpec) memory?: MemorySpec;
  @IsOptional() @IsBoolean() power_on?: boolean;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => NicSpec) nics?: NicSpec[];
  @Allow() disks?: unknown;
  @Allow() boot?: unknown;
  @Allow() hardware_version?: unknown;
  @Allow() storage_policy?: unknown;
}

export class RelocatePlacement {
  @IsString() host!: string;
  @Allow() cluster?: unknown;
  @Allow() datastore?: unknown;
  @Allow() resource_pool?: unknown;
  @Allow() folder?: unknown;
}

export class RelocateInner {
  @ValidateNested() @Type(() => RelocatePlacement) placement!: RelocatePlacement;
  @Allow() disks?: unknown;
}

export class RelocateBody {
  @ValidateNested() @Type(() => RelocateInner) spec!: RelocateInner;
}

export class SegmentInput {
  @IsIn(['vlan', 'vxlan', 'geneve']) type!: 'vlan' | 'vxlan' | 'geneve';
  @IsInt() @Min(1) @Max(16_777_215) id!: number;
}

/** An inclusive range the port group's IP pool hands addresses out from (extension); the model checks the rest. */
export class IpRangeInput {
  @Matches(IP_ADDRESS) start_address!: string;
  @Matches(IP_ADDRESS) end_address!: string;
}

export class PortgroupSubnetInput {
  @Matches(/^[0-9a-fA-F.:]+\/\d{1,3}$/) cidr!: string;
  @IsOptional() @Matches(IP_ADDRESS) gateway?: string;
  /** Absent: every usable address but the gateway; in order, the ranges addresses are handed out from. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => IpRangeInput) ip_ranges?: IpRangeInput[];
}

export class PortgroupCreateSpec {
  @IsString() name!: string;
  @ValidateNested() @Type(() => SegmentInput) segment!: SegmentInput;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PortgroupSubnetInput) subnets?: PortgroupSubnetInput[];
}
