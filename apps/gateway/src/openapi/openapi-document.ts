import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { openApiPublicMarker } from '../auth/public.decorator.js';
import { classTransformerStorage } from './class-transformer-storage.js';

type Schema = Record<string, unknown>;

const problemSchema: Schema = {
  type: 'object',
  description: 'RFC 9457 problem document (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:vorch:problem:validation' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path' },
    code: { type: 'string', description: 'Stable Vorch error code', example: 'VALIDATION' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
    },
    requestId: { type: 'string' },
    traceId: { type: 'string' },
  },
};

function isEmptyObjectSchema(s: Schema | undefined): boolean {
  return !s || (s.type === 'object' && Object.keys((s.properties as Schema | undefined) ?? {}).length === 0 && !s.$ref && !s.allOf);
}

const problemResponse = {
  description: 'Problem document (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

type Operation = { responses?: Record<string, unknown>; security?: unknown[]; [openApiPublicMarker]?: boolean };

/**
 * Every operation can fail with a problem document; saying so once here keeps controllers free of boilerplate.
 * @Public() operations get an empty security requirement, overriding the document-wide bearer one.
 */
function completeOperations(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      op.responses.default ??= problemResponse;
      if (op[openApiPublicMarker]) {
        op.security = [];
        delete op[openApiPublicMarker];
      }
    }
  }
}

/**
 * The OpenAPI document: routes from Nest's controllers, request/response schemas from the class-validator
 * classes themselves (DTOs live outside Nest and carry no @ApiProperty), the bearer scheme, and the Problem shape.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Vorch API')
    .setDescription('Control plane for virtual infrastructure. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from VORCH_API_KEYS' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const fromValidators = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: classTransformerStorage,
  }) as Record<string, Schema>;
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(fromValidators)) {
    // Nest's explorer already emitted a name for every DTO it saw, but empty; a richer @ApiProperty one is kept.
    if (isEmptyObjectSchema(schemas[name])) schemas[name] = schema;
  }
  schemas.Problem = problemSchema;
  completeOperations(doc);
  doc.components = { ...doc.components, schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'] };
  return doc;
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
