import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validateInput } from '#vorch/contracts';

const plainTypes = new Set<unknown>([String, Number, Boolean, Array, Object, Date, BigInt, Symbol, undefined]);

/**
 * Installed globally: any handler parameter whose declared type is a class — `@Body() body: CreateThing`,
 * `@Query() q: ListThings`, a gRPC `@Payload() req: GetThing` — is checked with `validateInput`, so REST, gRPC and
 * the bus name bad fields the same way (a ValidationError, i.e. a 400 problem with `errors[]` or INVALID_ARGUMENT).
 * Parameters typed string/number/interface pass through untouched. Query values arrive as strings: a numeric
 * query field needs `@Type(() => Number)` from class-transformer.
 */
@Injectable()
export class ValidBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const cls = metadata.metatype;
    if (metadata.type === 'custom' || plainTypes.has(cls) || typeof cls !== 'function') return value;
    // A body-less request gives undefined; an empty query gives {}. Validate both against the class so missing
    // required fields are named instead of "must be a JSON object".
    return validateInput(cls as new () => object, value ?? {});
  }
}
