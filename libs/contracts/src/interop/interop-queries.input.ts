import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PRODUCT_REF_PATTERN, SUPPORT_LEVELS, type SupportLevel } from './interop-vocabulary.js';

const PRODUCT_REF = { message: '$property must be product@version' };

/** `GET /v1/interop/imports/{id}`, `qry.interop.get-import`. */
export class GetMatrixImportInput {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'importId must be 1-64 letters, digits, _ or -' }) importId!: string;
}

/** `qry.interop.get-resource`. */
export class GetInteropResourceInput {
  @IsString() @Length(1, 100) resourceId!: string;
}

/** `GET /v1/interop/resources/{id}/compatible`, `qry.interop.compatible`: the resource's records, a page at a time. */
export class CompatibleResourcesInput {
  @IsString() @Length(1, 100) resourceId!: string;
  @IsOptional() @IsIn(SUPPORT_LEVELS) support?: SupportLevel;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** The last otherResourceId of the previous page. */
  @IsOptional() @IsString() @Length(1, 100) after?: string;
}

/** `GET /v1/interop/check?a=product@version&b=product@version`, `qry.interop.check`. */
export class CheckInteropInput {
  @IsString() @Length(3, 250) @Matches(PRODUCT_REF_PATTERN, PRODUCT_REF) a!: string;
  @IsString() @Length(3, 250) @Matches(PRODUCT_REF_PATTERN, PRODUCT_REF) b!: string;
}

/** `GET /v1/interop/interoperates-with?product=product@version`, `qry.interop.interoperates-with`. */
export class InteroperatesWithInput {
  @IsString() @Length(3, 250) @Matches(PRODUCT_REF_PATTERN, PRODUCT_REF) product!: string;
  @IsOptional() @IsIn(SUPPORT_LEVELS) support?: SupportLevel;
}

/** `GET /v1/interop/matrix?resources=id1,id2,…`, `qry.interop.resource-matrix`: every record among the given resources. */
export class ResourceMatrixInput {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @Length(1, 100, { each: true }) resourceIds!: string[];
}
