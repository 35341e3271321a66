import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const SITE_STATUSES = ['registered', 'discovering', 'ready', 'unreachable'] as const;
const HOST_STATES = ['up', 'down', 'maintenance', 'unknown'] as const;

/** Keyset pagination: pass the previous page's `next` as `cursor`. */
export class PageInput {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export class SiteIdInput {
  @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'id must be a site id (ULID)' }) id!: string;
}

export class ListSitesInput extends PageInput {
  @IsOptional() @IsIn(SITE_STATUSES) status?: (typeof SITE_STATUSES)[number];
  @IsOptional() @IsIn(['openstack', 'vsphere', 'kubevirt']) dialect?: string;
}

export class ListHostsInput extends PageInput {
  @IsOptional() @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'siteId must be a site id (ULID)' }) siteId?: string;
  @IsOptional() @IsString() cpuFeature?: string;
  @IsOptional() @IsString() failureDomain?: string;
  @IsOptional() @IsIn(HOST_STATES) state?: (typeof HOST_STATES)[number];
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minMemoryMb?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minGpus?: number;
}

export class ListStorageInput extends PageInput {
  @IsOptional() @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'siteId must be a site id (ULID)' }) siteId?: string;
  @IsOptional() @IsString() replication?: string;
}

export class CapacityInput {
  @IsOptional() @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'siteId must be a site id (ULID)' }) siteId?: string;
}
