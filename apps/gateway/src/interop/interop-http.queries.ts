import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SUPPORT_LEVELS, type SupportLevel } from '#vorch/contracts';

/** Query of `GET /v1/interop/resources/{id}/compatible` (the id is in the path). */
export class CompatibleQuery {
  @IsOptional() @IsIn(SUPPORT_LEVELS) support?: SupportLevel;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** The `next` of the previous page. */
  @IsOptional() @IsString() @Length(1, 100) after?: string;
}

/** Query of `GET /v1/interop/matrix?resources=id1,id2,…`. */
export class ResourceMatrixQuery {
  @IsString() @Length(1, 20000) @Matches(/^[^,]+(,[^,]+)*$/, { message: 'resources must be resource ids separated by commas' }) resources!: string;
}
