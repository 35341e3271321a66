// npm run asyncapi: writes docs/asyncapi.yaml, the AsyncAPI 2.6 document of every NATS subject, from the compiled
// contracts (run after the build). Request payloads are the class-validator DTOs turned into JSON Schema; replies name
// the view interface, whose fields are read from the TypeScript source. The channel table (lib/asyncapi-channels.mjs)
// is the one hand-kept part: libs/contracts/src/asyncapi-document.unit.spec.ts fails when a subject constant is
// missing from the document.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { channelTable } from './lib/asyncapi-channels.mjs';
import { viewSchemas } from './lib/asyncapi-views.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);

// 1. the contracts as the services load them (importing them registers the DTOs' validation metadata)
const c = await load('libs/contracts/src/index.js');
// imported for its validation metadata: the switches' address report body lives in the stats domain
await load('libs/stats-domain/src/address-map/domain-address-report.input.js');
const { DISCOVERY_LEADER_SUBJECTS } = await load('apps/inventory/src/discovery/discovery-leader.subjects.js');
const { targetConstructorToSchema, validationMetadatasToSchemas } = require('class-validator-jsonschema');
// class-transformer keeps @Type() metadata in a module its index does not export; with it nested DTOs become $refs
const { defaultMetadataStorage } = require('class-transformer/cjs/storage.js');
const schemaOptions = { classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/' };
const dtoSchemas = validationMetadatasToSchemas(schemaOptions);

// 2. view interfaces, and the channel table (scripts/lib)
const views = viewSchemas(join(root, 'libs/contracts/src'));
const stats = c.statsSubjects();
const { requests, eventStreams } = channelTable(c, DISCOVERY_LEADER_SUBJECTS);

// a DTO that only inherits its fields (DomainMatrixInput) has no metadata of its own, so the bulk pass skips it
for (const [, input] of requests) if (input && !dtoSchemas[input]) dtoSchemas[input] = targetConstructorToSchema(c[input], schemaOptions);
// `Paged<X>` / `Items<X>`: a list of a view (with the cursor of the next page for Paged); null: described in words
function replySchema(view) {
  const list = /^(Paged|Items)<(\w+)>$/.exec(view ?? '');
  if (!view) return { type: 'object', description: 'See the channel description.' };
  if (!list) return { $ref: `#/components/schemas/${view}` };
  const properties = { items: { type: 'array', items: { $ref: `#/components/schemas/${list[2]}` } } };
  if (list[1] === 'Paged') properties.next = { type: ['string', 'null'], description: 'Cursor of the next page; null on the last' };
  return { type: 'object', 'x-typescript': view, required: Object.keys(properties), properties };
}
const param = (name, description) => ({ [name]: { description, schema: { type: 'string' } } });

// 3. the document
const channels = {};
const errorReply = { $ref: '#/components/schemas/ErrorReply' };
for (const [subject, input, view, description] of requests) {
  const ok = replySchema(view);
  channels[subject] = {
    description,
    publish: {
      operationId: subject,
      summary: 'Request/reply (NATS request in a queue group); the reply is exactly one of `ok` or `error`.',
      message: {
        name: input ?? 'NoPayload',
        headers: { type: 'object', properties: { traceparent: { type: 'string', description: 'W3C trace context' } } },
        payload: {
          type: 'object',
          required: ['meta', 'payload'],
          properties: { meta: { $ref: '#/components/schemas/CommandMeta' }, payload: input ? { $ref: `#/components/schemas/${input}` } : { type: 'object' } },
        },
      },
      'x-reply': {
        name: view ?? 'Reply',
        payload: { oneOf: [{ type: 'object', required: ['ok'], properties: { ok } }, { type: 'object', required: ['error'], properties: { error: errorReply } }] },
      },
    },
  };
}
for (const [{ stream, subjectPrefix }, description] of eventStreams) {
  channels[`${subjectPrefix}.{aggregateType}.{aggregateId}`] = {
    description: `${description} One JetStream message per command: a Commit of the events it decided.`,
    parameters: { ...param('aggregateType', 'The aggregate type, e.g. site, network, resource'), ...param('aggregateId', 'The aggregate id (ULID)') },
    'x-stream': stream,
    subscribe: { operationId: `${subjectPrefix}.events`, message: { name: 'Commit', payload: { $ref: '#/components/schemas/Commit' } } },
  };
}
channels[`${stats.counters.subjectPrefix}.{mode}.{source}`] = {
  description: 'Counter batches (datagram and agent mode) on their way to the traffic read model, as a Commit.',
  parameters: { ...param('mode', 'How the counters were collected (datagram or agent)'), ...param('source', 'The collector or switch the batch came from') },
  'x-stream': stats.counters.stream,
  subscribe: { operationId: 'stats.counters', message: { name: 'Commit', payload: { $ref: '#/components/schemas/Commit' } } },
};
const input = (subject, paramName, paramDoc, body, description, filter) => {
  channels[subject] = {
    description,
    parameters: param(paramName, paramDoc),
    'x-stream': stats.inputStream,
    'x-filter-subjects': filter,
    publish: { operationId: subject, message: { name: body, payload: { $ref: `#/components/schemas/${body}` } } },
  };
};
input(stats.addresses('{switchId}'), 'switchId', 'The switch publishing', 'DomainAddressReportInput', "A switch's VM addresses.", [stats.allAddresses, stats.inputSubjects]);
input(stats.stats('{switchId}'), 'switchId', 'The switch publishing', 'VmTrafficBatchInput', "A switch's per-VM per-class counters (agent mode).", [stats.allStats, stats.inputSubjects]);
input(stats.inventoryAddresses('{siteId}'), 'siteId', 'The site', 'DomainAddressReportInput', "A site's VM addresses as the inventory discovered them; merged with the switches' reports.", [stats.allInventoryAddresses]);

const doc = {
  asyncapi: '2.6.0',
  info: {
    title: 'Vorch bus',
    version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    description:
      'Every NATS subject of Vorch (generated by `npm run asyncapi` from libs/contracts; do not edit by hand). ' +
      'Tests and benchmarks may prefix subjects (`t1a2b.cmd.…`, streams `T1A2B_EVT_…`); production uses none.',
  },
  servers: { local: { url: 'nats://127.0.0.1:4222', protocol: 'nats' } },
  defaultContentType: 'application/json',
  channels,
  components: { schemas: { ...views, ...dtoSchemas } },
  'x-input-stream': { stream: stats.inputStream, subjects: stats.inputStreamSubjects },
  'x-kv-buckets': { [stats.addressMapBucket]: 'The address map the stats controller distributes: keys domain.<domainId>.<shard>.' },
  'x-consumers': { interopDiscovery: { ...c.interopStreams().discovery, description: `The interop service reads ${c.INVENTORY_RESOURCE_DISCOVERED} events.` } },
};
// envelope.ts / commit.ts / errors.ts are interfaces too: their shapes, kept beside the code they mirror
Object.assign(doc.components.schemas, {
  CommandMeta: obj(['commandId', 'tenantId', 'correlationId'], { commandId: str('Deterministic per intent; retries reuse it'), tenantId: str(), correlationId: str(), causationId: str(), actor: str() }),
  EventEnvelope: obj(['id', 'type', 'schemaVersion', 'aggregateId', 'aggregateType', 'version', 'occurredAt', 'tenantId', 'correlationId', 'causationId', 'data'], {
    id: str('ULID'), type: str(), schemaVersion: { type: 'integer' }, aggregateId: str(), aggregateType: str(), version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', format: 'date-time' }, tenantId: str(), correlationId: str(), causationId: str(), data: { type: 'object' },
  }),
  Commit: obj(['commandId', 'events'], { commandId: str(), events: { type: 'array', items: { $ref: '#/components/schemas/EventEnvelope' } } }),
  ErrorReply: obj(['code', 'message', 'status'], {
    code: str('Stable VorchError code, e.g. VALIDATION, NOT_FOUND'), message: str(), status: { type: 'integer', description: 'The HTTP status the gateway maps it to' },
    errors: { type: 'array', items: obj(['field', 'message'], { field: str(), message: str() }) }, details: { type: 'object' },
  }),
});
function obj(required, properties) {
  return { type: 'object', required, properties };
}
function str(description) {
  return description ? { type: 'string', description } : { type: 'string' };
}

const target = join(root, 'docs/asyncapi.yaml');
const text = stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
// --check: fail when the committed document is not what the contracts generate (a DTO changed, no one regenerated)
if (process.argv.includes('--check')) {
  const same = readFileSync(target, 'utf8') === text;
  console.log(same ? 'docs/asyncapi.yaml is up to date' : 'docs/asyncapi.yaml is stale: run npm run asyncapi');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
console.log(`docs/asyncapi.yaml: ${Object.keys(channels).length} channels, ${Object.keys(doc.components.schemas).length} schemas`);
