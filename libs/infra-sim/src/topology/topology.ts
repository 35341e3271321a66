import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const DIALECTS = ['openstack', 'vsphere', 'kubevirt'] as const;
export type Dialect = (typeof DIALECTS)[number];
export const SEGMENT_TYPES = ['vlan', 'vxlan', 'geneve'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];
export const SECURITY_MODULE_KINDS = ['tpm', 'sev-snp', 'tdx', 'sgx'] as const;
export type SecurityModuleKind = (typeof SECURITY_MODULE_KINDS)[number];
export const VM_POWER_STATES = ['on', 'off'] as const;
export type VmPowerState = (typeof VM_POWER_STATES)[number];
export const VSWITCH_KINDS = ['ovs', 'vds', 'ovs-cni'] as const;
export type VSwitchKind = (typeof VSWITCH_KINDS)[number];

const NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
/** IPv4 or IPv6 with a length; that it is a real prefix (host bits clear, length in range) is checked on load. */
const CIDR = /^[0-9A-Fa-f.:]+\/\d{1,3}$/;

export class CredentialsSpec {
  @IsOptional() @IsString() username?: string;
  @IsOptional() @IsString() password?: string;
  @IsOptional() @IsString() project?: string;
  @IsOptional() @IsString() token?: string;
}

export class GpuSpec {
  @IsString() model!: string;
  @IsInt() @Min(1) count!: number;
}

export class HypervisorSpec {
  @IsString() type!: string;
  @IsString() version!: string;
}

export class HostGroupSpec {
  @Matches(NAME) namePrefix!: string;
  @IsInt() @Min(1) @Max(1_000_000) count!: number;
  @IsString() failureDomain!: string;
  @IsInt() @Min(1) cpus!: number;
  @IsInt() @Min(256) memoryMb!: number;
  @IsString() cpuModel!: string;
  @IsString() cpuVendor!: string;
  @IsArray() @IsString({ each: true }) cpuFeatures!: string[];
  @IsOptional() @ValidateNested() @Type(() => GpuSpec) gpus?: GpuSpec;
  @ValidateNested() @Type(() => HypervisorSpec) hypervisor!: HypervisorSpec;
  @IsArray() @IsIn(SECURITY_MODULE_KINDS, { each: true }) securityModules!: SecurityModuleKind[];
}

export class ReplicationSpec {
  @IsArray() @IsIn(['sync', 'async'], { each: true }) modes!: ('sync' | 'async')[];
  @IsOptional() @IsArray() @IsString({ each: true }) peers?: string[];
}

export class StorageSpec {
  @Matches(NAME) name!: string;
  @IsIn(['array', 'pool']) kind!: 'array' | 'pool';
  @IsInt() @Min(1) capacityGb!: number;
  @ValidateNested() @Type(() => ReplicationSpec) replication!: ReplicationSpec;
  @IsArray() @IsString({ each: true }) reachableFrom!: string[];
}

export class SegmentSpec {
  @IsIn(SEGMENT_TYPES) type!: SegmentType;
  @IsInt() @Min(1) @Max(16_777_215) id!: number;
}

export class SubnetSpec {
  @Matches(CIDR, { message: 'cidr must be an IPv4 or IPv6 prefix like 10.0.0.0/24 or fd00::/64' }) cidr!: string;
  /** Default: the first host of the subnet. */
  @IsOptional() @IsIP() gateway?: string;
}

export class NetworkSpec {
  @Matches(NAME) name!: string;
  @ValidateNested() @Type(() => SegmentSpec) segment!: SegmentSpec;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SubnetSpec) subnets!: SubnetSpec[];
}

export class FlavorSpec {
  @IsString() name!: string;
  @IsInt() @Min(1) vcpus!: number;
  @IsInt() @Min(64) ramMb!: number;
  @IsInt() @Min(0) diskGb!: number;
  @IsOptional() @IsInt() @Min(0) gpus?: number;
}

/**
 * VMs the site already runs when the simulator starts. With `count`, `name` is a prefix and the entry a group
 * (`web` ×3 → web-001 … web-003); without `host`, the site's own scheduler places them.
 */
export class VmSpec {
  @Matches(NAME) name!: string;
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) count?: number;
  @IsOptional() @IsString() host?: string;
  /** One of the site's `networks`; the port gets an address from its subnets and a MAC from `macPrefix`. */
  @IsString() network!: string;
  @IsInt() @Min(1) cpus!: number;
  @IsInt() @Min(64) memoryMb!: number;
  /** Whose VM it is (its `tenant` metadata, which the statistics are scoped by); default `default`. */
  @IsOptional() @Matches(NAME) tenant?: string;
  @IsOptional() @IsIn(VM_POWER_STATES) powerState?: VmPowerState;
}

export class TimingSpec {
  @IsOptional() @IsInt() @Min(0) buildMs?: number;
  @IsOptional() @IsInt() @Min(0) migrateMs?: number;
}

export class SiteSpec {
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/) name!: string;
  @IsIn(DIALECTS) dialect!: Dialect;
  @ValidateNested() @Type(() => CredentialsSpec) credentials!: CredentialsSpec;
  @Matches(/^([0-9a-f]{2}:){2,4}[0-9a-f]{2}$/i) macPrefix!: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) failureDomains!: string[];
  @IsOptional() @ValidateNested() @Type(() => TimingSpec) timing?: TimingSpec;
  @IsOptional() @IsIn(VSWITCH_KINDS) vswitchKind?: VSwitchKind;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => FlavorSpec) flavors?: FlavorSpec[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => HostGroupSpec) hostGroups!: HostGroupSpec[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => StorageSpec) storage!: StorageSpec[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => NetworkSpec) networks!: NetworkSpec[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => VmSpec) vms?: VmSpec[];
}

export class TopologySpec {
  @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => SiteSpec) sites!: SiteSpec[];
}
