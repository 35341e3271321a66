import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError as CvError } from 'class-validator';
import { ValidationError, type FieldError } from './errors.js';

function flatten(errors: CvError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Turns untrusted input into a validated instance of `cls`, or throws ValidationError naming every bad field.
 * Unknown properties are rejected, so a typo in a field name is an error rather than a silently ignored value.
 */
export function validateInput<T extends object>(cls: ClassConstructor<T>, input: unknown): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, input, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw new ValidationError(flatten(errors));
  return instance;
}
