import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Min, ValidateNested } from 'class-validator';

export const STATS_TRAFFIC_CLASSES = ['intra-server', 'inter-server-intra-domain', 'inter-domain', 'external'] as const;
export type StatsTrafficClass = (typeof STATS_TRAFFIC_CLASSES)[number];

/** One VM's totals for one traffic class over the batch's interval. */
export class VmTrafficRowInput {
  @IsString() @IsNotEmpty() vmId: string;
  @IsString() @IsNotEmpty() tenantId: string;
  @IsString() @IsNotEmpty() hostId: string;
  @IsString() @IsNotEmpty() domainId: string;
  @IsIn(STATS_TRAFFIC_CLASSES) trafficClass: StatsTrafficClass;
  @IsNumber() @Min(0) bytes: number;
  @IsNumber() @Min(0) packets: number;
  @IsNumber() @Min(0) flows: number;
}

/** Traffic from one domain to another over the interval; `external` names an end the map does not know. */
export class DomainPairRowInput {
  @IsString() @IsNotEmpty() srcDomainId: string;
  @IsString() @IsNotEmpty() dstDomainId: string;
  @IsNumber() @Min(0) bytes: number;
  @IsNumber() @Min(0) packets: number;
  @IsNumber() @Min(0) flows: number;
}

/**
 * What a switch in agent mode publishes on `in.vswitch.<switchId>.stats` once per interval, and what the
 * collector itself produces from decoded flows. `batchSeq` increases per source, so a redelivered batch is
 * recognised (it becomes the JetStream message id of the counters commit).
 */
export class VmTrafficBatchInput {
  @IsString() @IsNotEmpty() source: string;
  @IsInt() @Min(0) batchSeq: number;
  /** Epoch milliseconds at which the interval started. */
  @IsInt() @Min(0) intervalStartMs: number;
  /** Revision of the address map that classified the interval. */
  @IsInt() @Min(0) mapRevision: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => VmTrafficRowInput) rows: VmTrafficRowInput[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => DomainPairRowInput) domainPairs: DomainPairRowInput[];
  /** Traffic whose two ends were unknown: counted as external, attributed to no VM. */
  @IsNumber() @Min(0) unattributedBytes: number;
  @IsNumber() @Min(0) unattributedPackets: number;
  @IsNumber() @Min(0) unattributedFlows: number;
}
