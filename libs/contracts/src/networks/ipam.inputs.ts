import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const POOL_ID = /^[0-9A-HJKMNP-TV-Z]{26}-v[46]$/;
const PORT_ID = /^[A-Za-z0-9_=-]{1,128}$/;

/** Body of POST /v1/pools/{poolId}/allocations: next free address, or `address` when given. */
export class AllocateAddressBody {
  @IsString() @Matches(PORT_ID, { message: 'portId must be 1-128 letters, digits, _ - =' }) portId!: string;
  @IsOptional() @IsString() @MaxLength(64) address?: string;
}

export class AllocateAddressInput extends AllocateAddressBody {
  @IsString() @Matches(POOL_ID, { message: 'poolId must be <network id>-v4 or -v6' }) poolId!: string;
}

export class ReleaseAddressInput {
  @IsString() @Matches(POOL_ID, { message: 'poolId must be <network id>-v4 or -v6' }) poolId!: string;
  @IsString() @MaxLength(64) address!: string;
  @IsOptional() @IsString() @Matches(PORT_ID, { message: 'portId must be 1-128 letters, digits, _ - =' }) portId?: string;
}

export class PoolIdInput {
  @IsString() @Matches(POOL_ID, { message: 'poolId must be <network id>-v4 or -v6' }) poolId!: string;
}
