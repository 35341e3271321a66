import { createRequire } from 'node:module';
import type { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type SchemaOptions = NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>;

// class-transformer keeps @Type() metadata here (not exported by its index); with it nested DTOs become $refs
// instead of empty objects. Node loads class-transformer's CommonJS build for everyone, so this is the same store.
export const classTransformerStorage = (
  createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
    defaultMetadataStorage: SchemaOptions['classTransformerMetadataStorage'];
  }
).defaultMetadataStorage;
