import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const SITE_DIALECTS = ['openstack', 'vsphere', 'kubevirt'] as const;

/** What a site's cloud manager needs to let Vorch in; which fields depend on the dialect. Never returned or logged. */
export class SiteCredentialsInput {
  @IsOptional() @IsString() @MaxLength(256) username?: string;
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
  @IsOptional() @IsString() @MaxLength(256) project?: string;
  @IsOptional() @IsString() @MaxLength(256) domain?: string;
  @IsOptional() @IsString() @MaxLength(8192) token?: string;
  @IsOptional() @IsString() @MaxLength(253) namespace?: string;
}

export class RegisterSiteInput {
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'name must be 1-63 lowercase letters, digits or dashes' }) name!: string;
  @IsIn(SITE_DIALECTS) dialect!: (typeof SITE_DIALECTS)[number];
  @IsString() @Matches(/^https?:\/\/[^\s/$.?#].[^\s]*$/i, { message: 'endpoint must be an http(s) URL' }) endpoint!: string;
  @IsObject() @ValidateNested() @Type(() => SiteCredentialsInput) credentials!: SiteCredentialsInput;
  /** The failure/administrative domain the site belongs to (used by traffic classification and placement). */
  @IsString() @MinLength(1) @MaxLength(63) domain!: string;
}
