import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const SITE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Body of PUT /v1/sites/{siteId}/mac-prefix: hex octets (`fa:16:3e`, a /24) or with a length (`02:a0:00:00:00:00/12`). */
export class SetMacPrefixBody {
  @IsString()
  @MaxLength(24)
  @Matches(/^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){0,5}(\/[0-9]{1,2})?$/, { message: 'prefix must be hex octets like fa:16:3e, optionally with a length like 02:a0:00:00:00:00/12' })
  prefix!: string;

  /** Required to change a site's prefix once it has one (after its VIM was given a new base MAC). */
  @IsOptional() @IsBoolean() replace?: boolean;
}

export class SetMacPrefixInput extends SetMacPrefixBody {
  @IsString() @Matches(SITE_ID, { message: 'siteId must be a site id' }) siteId!: string;
}
