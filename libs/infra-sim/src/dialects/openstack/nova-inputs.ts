import { Type } from 'class-transformer';
import { Allow, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';

export class ServerNetworkInput {
  @IsOptional() @IsString() uuid?: string;
  @IsOptional() @IsString() port?: string;
  @IsOptional() @Matches(/^[0-9a-fA-F.:]+$/) fixed_ip?: string;
  @IsOptional() @IsString() tag?: string;
}

export class ServerInput {
  @IsString() name!: string;
  @IsString() flavorRef!: string;
  @IsOptional() @IsString() imageRef?: string;
  @IsOptional() @IsString() availability_zone?: string;
  @IsOptional() @IsString() host?: string;
  // Microversion 2.37 also allows the strings "auto" and "none": both mean no port here.
  @IsOptional() @ValidateIf((o: ServerInput) => typeof o.networks !== 'string') @IsArray() @ValidateNested({ each: true }) @Type(() => ServerNetworkInput)
  networks?: ServerNetworkInput[] | 'auto' | 'none';
  @IsOptional() @IsObject() metadata?: Record<string, string>;
  // Accepted for compatibility with real clients and ignored: the simulator has no images, keys or groups.
  @Allow() key_name?: unknown;
  @Allow() security_groups?: unknown;
  @Allow() user_data?: unknown;
  @Allow() adminPass?: unknown;
  @Allow() description?: unknown;
  @Allow() config_drive?: unknown;
  @Allow() block_device_mapping_v2?: unknown;
  @Allow() min_count?: unknown;
  @Allow() max_count?: unknown;
  @Allow() tags?: unknown;
  @Allow() 'OS-DCF:diskConfig'?: unknown;
}

export class CreateServerBody {
  @ValidateNested() @Type(() => ServerInput) server!: ServerInput;
  @Allow() 'OS-SCH-HNT:scheduler_hints'?: unknown;
}

export class MigrateLiveInput {
  @IsOptional() @IsString() host?: string | null;
  @IsOptional() @IsIn(['auto', true, false]) block_migration?: 'auto' | boolean;
  @Allow() disk_over_commit?: unknown;
  @Allow() force?: unknown;
}
