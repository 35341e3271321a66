import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { AddressEntryInput } from './address-entry.js';
import { ReportPartInput } from './report-part.input.js';

/**
 * What a domain's controller publishes: every VM address of the domain at one version. Validated with
 * `validateInput` at the edge, then handed to the address map decider as ReplaceDomainAddresses.
 */
export class DomainAddressReportInput {
  @IsString()
  @IsNotEmpty()
  domainId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AddressEntryInput)
  entries: AddressEntryInput[];

  /**
   * Only in a site inventory's report that is split because one message could not hold it (see
   * docs/stats-collector.md, "Sizes"); absent means the whole report in one message. A switch's report has none.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportPartInput)
  part?: ReportPartInput;
}
