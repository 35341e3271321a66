import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { STATS_TRAFFIC_CLASSES, type StatsTrafficClass } from './vm-traffic-batch.input.js';

/** Bucket widths of the statistics read model, finest first (10 s buckets roll up into 1 min and 1 h). */
export const STATS_RESOLUTIONS = ['10s', '1m', '1h'] as const;
export type StatsResolution = (typeof STATS_RESOLUTIONS)[number];

/** A time range; both ends optional (default: the last hour up to now). */
export class StatsRangeInput {
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
  @IsOptional() @IsIn(STATS_RESOLUTIONS) resolution?: StatsResolution;
}

export class VmBreakdownInput extends StatsRangeInput {
  @IsString() @IsNotEmpty() vmId: string;
}

export class TopTalkersInput extends StatsRangeInput {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @IsOptional() @IsIn(STATS_TRAFFIC_CLASSES) trafficClass?: StatsTrafficClass;
}

export class DomainMatrixInput extends StatsRangeInput {}

/** The caller's tenant as a whole (the tenant comes from the caller, never from the body). */
export class TenantTrafficInput extends StatsRangeInput {}
