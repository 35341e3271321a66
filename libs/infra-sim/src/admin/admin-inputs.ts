import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

export class FaultsInput {
  @IsOptional() @IsInt() @Min(0) @Max(600_000) latencyMs?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(1) errorRate?: number;
  @IsOptional() @IsBoolean() unreachable?: boolean;
}

export class HostStateInput {
  @IsBoolean() up!: boolean;
}

export class VmPatchInput {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsIn(['on', 'off']) powerState?: 'on' | 'off';
  @IsOptional() @IsString() host?: string;
  @IsOptional() @IsInt() @Min(64) memoryMb?: number;
}

export class NetworkPatchInput {
  @IsString() name!: string;
}
