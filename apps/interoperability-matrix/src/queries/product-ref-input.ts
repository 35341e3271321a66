import { ValidationError } from '#vorch/contracts';
import { parseProductRef, type ProductRef } from '#vorch/interop-domain';

/** The DTO checks the shape (`x@y`); whether y reads as a version is the domain's call, reported on the same field. */
export function productRefOrFail(field: string, text: string): ProductRef {
  const ref = parseProductRef(text);
  if (!ref) throw new ValidationError([{ field, message: `${field} must be product@version with a version that has a letter or a digit` }]);
  return ref;
}
