import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { INTEROP_RESOURCE_KINDS, type InteropResourceKind } from './interop-vocabulary.js';

const ID = /^[A-Za-z0-9._:/-]+$/;

/** `POST /v1/interop/resources`, `cmd.interop.register-resource`: a resource of the caller's tenant. */
export class RegisterInteropResourceInput {
  @IsIn(INTEROP_RESOURCE_KINDS) kind!: InteropResourceKind;
  @IsString() @Length(1, 120) vendor!: string;
  @IsString() @Length(1, 120) product!: string;
  @IsString() @Length(1, 100) @Matches(/[A-Za-z0-9]/, { message: 'version must contain a letter or a digit' }) version!: string;
  /** Where it runs; with externalId it identifies the resource, so registering it again is idempotent. */
  @IsOptional() @IsString() @Length(1, 120) @Matches(ID) siteId?: string;
  @IsOptional() @IsString() @Length(1, 200) externalId?: string;
}
