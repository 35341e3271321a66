import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNotEmpty, IsString, Min, ValidateNested } from 'class-validator';
import { AddressEntryInput } from './address-entry.js';

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
}
