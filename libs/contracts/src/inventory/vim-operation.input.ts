import { IsIn, IsObject, IsOptional, IsString, Matches } from 'class-validator';

/** The VIM operations other services may ask the inventory service to run on a site (network and port plumbing). */
export const VIM_OPERATIONS = ['createNetwork', 'getNetwork', 'deleteNetwork', 'listNetworks', 'createPort', 'getPort', 'deletePort', 'listPorts'] as const;
export type VimOperation = (typeof VIM_OPERATIONS)[number];

/**
 * `args` are the driver's request shapes (CreateNetworkRequest, CreatePortRequest), `{ id }` for get/delete, or
 * `{ networkId }` for listPorts; the driver validates them against the dialect. Only the inventory service holds the
 * site's credentials.
 */
export class VimOperationInput {
  @IsString() @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'siteId must be a site id' }) siteId!: string;
  @IsIn(VIM_OPERATIONS) operation!: VimOperation;
  @IsOptional() @IsObject() args?: Record<string, unknown>;
}
