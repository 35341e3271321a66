import { IsIP, IsNotEmpty, IsString, Matches } from 'class-validator';

/** One VM port as a virtual switch reports it: where the address lives and who owns it. */
export interface AddressEntry {
  readonly mac: string;
  readonly ip: string;
  readonly vmId: string;
  readonly hostId: string;
  readonly domainId: string;
  readonly tenantId: string;
}

/** The wire shape of an entry, validated with `validateInput` before it reaches the decider. */
export class AddressEntryInput implements AddressEntry {
  @Matches(/^[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}$/, { message: 'mac must be a MAC address' })
  mac: string;

  @IsIP()
  ip: string;

  @IsString()
  @IsNotEmpty()
  vmId: string;

  @IsString()
  @IsNotEmpty()
  hostId: string;

  @IsString()
  @IsNotEmpty()
  domainId: string;

  @IsString()
  @IsNotEmpty()
  tenantId: string;
}
