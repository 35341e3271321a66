import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { classTransformerStorage } from './class-transformer-storage.js';

type Schema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

/**
 * Documents a `@Query() q: SomeQuery` DTO's fields as OpenAPI query parameters. Nest's explorer cannot see
 * class-validator-only classes, and a query object, unlike a body, has no `$ref` to fill in afterwards.
 */
export function ApiQueryDto(dto: new () => object): MethodDecorator {
  const schema = targetConstructorToSchema(dto, { classTransformerMetadataStorage: classTransformerStorage }) as Schema;
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property as never }),
    ),
  );
}
