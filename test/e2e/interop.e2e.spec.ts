import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { interopSubjects, type CompatibleResourcesView, type InteropCheckView, type InteroperatesWithView, type MatrixImportView, type ResourceMatrixView } from '#vorch/contracts';
import { eventually, testDatabase, testNats, type TestDatabase, type TestNats } from '#vorch/testing';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { protoRoot } from '../../apps/gateway/src/grpc/grpc-server-options.js';
import { grpcProtos } from '../../apps/gateway/src/grpc-protos.js';
import { InteropFeature } from '../../apps/gateway/src/interop/interop.feature.module.js';
import { grpcTestClient } from '../../apps/gateway/src/testing/grpc-test-client.js';
import { createInteropService, type InteropService } from '../../apps/interoperability-matrix/src/interop-service.js';

const keys = { admin: 'e2e-acme-admin', operator: 'e2e-acme-operator', viewer: 'e2e-acme-viewer', globex: 'e2e-globex-operator' };
const keySpec = `${keys.admin}=acme:admin,${keys.operator}=acme:operator,${keys.viewer}=acme:viewer,${keys.globex}=globex:operator`;

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

const MATRIX_CSV = [
  'productA,versionsA,productB,versionsB,support,note',
  'vSphere,8.0,RHEL,9.x,supported,',
  'vSphere,7.0,RHEL,9.x,conditional,RHEL 9.2 or later with VMware Tools 12',
  'vSphere,*,Windows,2012,unsupported,',
].join('\n');

describe('interoperability matrix through the gateway (REST and gRPC, real NATS and PostgreSQL)', () => {
  let nats: TestNats;
  let db: TestDatabase;
  let service: InteropService;
  let gw: Gateway;
  let sql: pg.Client;
  let host = '';
  let guest = '';

  const call = (path: string, key: string | undefined, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (key) headers.set('authorization', `Bearer ${key}`);
    return fetch(`${gw.httpUrl}${path}`, { ...init, headers });
  };
  const get = (path: string, key: string | undefined = keys.viewer) => call(path, key);
  const post = (path: string, key: string, body: unknown) =>
    call(path, key, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const body = (await res.json()) as T;
    assert.equal(res.status, status, JSON.stringify(body));
    return body;
  };
  const problem = async (res: Response, status: number): Promise<Problem> => {
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as Problem;
    assert.equal(res.status, status, JSON.stringify(body));
    return body;
  };
  const fieldsOf = (p: Problem) => [...new Set(p.errors?.map((e) => e.field))].sort();
  /** Rows of the read model and commits of the event stream: what "nothing written" is checked against. */
  const written = async () => {
    const r = await sql.query('select (select count(*) from interop_resources) + (select count(*) from interop_imports) as n');
    const stream = await (await jetstreamManager(nats.nc)).streams.info(service.settings.events.stream);
    return `${(r.rows[0] as { n: string }).n}/${stream.state.messages}`;
  };

  before(async () => {
    nats = await testNats();
    db = await testDatabase();
    service = await createInteropService({ natsUrl: nats.url, databaseUrl: db.url, streamPrefix: nats.prefix, dbPoolSize: 2, queryPoolSize: 2 });
    gw = await createGateway({
      httpPort: 0,
      grpcPort: 0,
      host: '127.0.0.1',
      apiKeys: keySpec,
      natsUrl: nats.url,
      features: [InteropFeature.forSubjects(interopSubjects(nats.prefix))],
      protos: grpcProtos,
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  after(async () => {
    await sql?.end();
    await gw?.close();
    await service?.close();
    await nats?.cleanup();
    await db?.drop();
  });

  describe('POST /v1/interop/matrix and GET /v1/interop/imports/{id}', () => {
    it('imports a global matrix as admin (202), with progress to completion', async () => {
      const started = await ok<{ importId: string; status: string }>(
        await post('/v1/interop/matrix', keys.admin, { scope: 'global', format: 'csv', content: MATRIX_CSV, importId: 'vendor-2026', fileName: 'vendor.csv' }),
        202,
      );
      assert.equal(started.importId, 'vendor-2026');
      const done = await eventually(async () => {
        const v = await ok<MatrixImportView>(await get('/v1/interop/imports/vendor-2026', keys.admin));
        assert.equal(v.status, 'completed');
        return v;
      });
      assert.deepEqual([done.totalEntries, done.appendedEntries, done.progress, done.scope], [3, 3, 1, 'global']);
    });

    it('refuses global entries from an operator (403) and any import from a viewer (403)', async () => {
      const before = await written();
      assert.equal((await problem(await post('/v1/interop/matrix', keys.operator, { scope: 'global', format: 'csv', content: MATRIX_CSV }), 403)).code, 'FORBIDDEN');
      await problem(await post('/v1/interop/matrix', keys.viewer, { scope: 'tenant', format: 'csv', content: MATRIX_CSV }), 403);
      assert.equal(await written(), before);
    });

    it('answers 400 naming the fields of a bad request, and writes nothing', async () => {
      const before = await written();
      const p = await problem(await post('/v1/interop/matrix', keys.operator, { scope: 'everyone', format: 'xml', colour: 'red' }), 400);
      assert.deepEqual(fieldsOf(p), ['colour', 'content', 'format', 'scope']);
      assert.equal(await written(), before);
    });

    it('answers 400 with every bad row by line, and imports none of the file', async () => {
      const before = await written();
      const content = 'productA,versionsA,productB,versionsB,support\nKVM,6.2,RHEL,9.x,supported\nKVM,,RHEL,9.x,supported\nKVM,6.2,SLES,15,maybe\n';
      const p = await problem(await post('/v1/interop/matrix', keys.operator, { scope: 'tenant', format: 'csv', content, importId: 'bad-file' }), 400);
      assert.equal(p.code, 'INTEROP.MATRIX_FILE_INVALID');
      assert.deepEqual(fieldsOf(p), ['content']);
      assert.deepEqual(p.errors?.map((e) => e.message.split(':')[0]), ['line 3, versionsA', 'line 4, support']);
      assert.equal(await written(), before);
      await problem(await get('/v1/interop/imports/bad-file', keys.operator), 404);
    });

    it('answers 400 for a malformed import id and 404 for another tenant import', async () => {
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/imports/not%20an%20id'), 400)), ['importId']);
      await problem(await get('/v1/interop/imports/vendor-2026', keys.globex), 404);
    });
  });

  describe('POST /v1/interop/resources and GET /v1/interop/resources/{id}[/compatible]', () => {
    it('registers resources (201) and stores their records', async () => {
      host = (await ok<{ resourceId: string }>(await post('/v1/interop/resources', keys.operator, { kind: 'hypervisor', vendor: 'VMware', product: 'vSphere', version: '8.0 U2', siteId: 'paris', externalId: 'esx-01' }), 201)).resourceId;
      guest = (await ok<{ resourceId: string }>(await post('/v1/interop/resources', keys.operator, { kind: 'guest-os', vendor: 'Red Hat', product: 'RHEL', version: '9.2' }), 201)).resourceId;
      const v = await ok<CompatibleResourcesView>(await get(`/v1/interop/resources/${host}/compatible`));
      assert.equal(v.resource.product, 'vSphere');
      assert.equal(v.records.length, 1);
      assert.equal(v.records[0]!.otherResource.resourceId, guest);
      assert.equal(v.records[0]!.support, 'supported');
      assert.equal(v.records[0]!.entry.line, 2);
      const one = await ok<{ resourceId: string; version: string }>(await get(`/v1/interop/resources/${guest}`));
      assert.equal(one.version, '9.2');
    });

    it('refuses a viewer (403) and writes nothing', async () => {
      const before = await written();
      await problem(await post('/v1/interop/resources', keys.viewer, { kind: 'nic', vendor: 'Mellanox', product: 'ConnectX-6', version: '22.36' }), 403);
      assert.equal(await written(), before);
    });

    it('answers 400 naming every bad field, and writes nothing', async () => {
      const before = await written();
      const p = await problem(await post('/v1/interop/resources', keys.operator, { kind: 'toaster', vendor: 'V', product: '', extra: 1 }), 400);
      assert.deepEqual(fieldsOf(p), ['extra', 'kind', 'product', 'version']);
      assert.equal(await written(), before);
      await problem(await call('/v1/interop/resources', keys.operator, { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } }), 400);
    });

    it('answers 400 for bad query fields of compatible', async () => {
      assert.deepEqual(fieldsOf(await problem(await get(`/v1/interop/resources/${host}/compatible?limit=0&support=maybe`), 400)), ['limit', 'support']);
      assert.deepEqual(fieldsOf(await problem(await get(`/v1/interop/resources/${host}/compatible?colour=red`), 400)), ['colour']);
      assert.deepEqual(fieldsOf(await problem(await get(`/v1/interop/resources/${'x'.repeat(101)}/compatible`), 400)), ['resourceId']);
    });

    it("answers 404 for another tenant's resource", async () => {
      assert.equal((await problem(await get(`/v1/interop/resources/${host}/compatible`, keys.globex), 404)).code, 'NOT_FOUND');
      await problem(await get(`/v1/interop/resources/${host}`, keys.globex), 404);
    });

    it('answers 401 without a valid key', async () => {
      await problem(await call(`/v1/interop/resources/${host}/compatible`, undefined), 401);
      await problem(await get('/v1/interop/check?a=vSphere@8.0&b=RHEL@9.2', 'wrong-key'), 401);
      await problem(await post('/v1/interop/resources', 'wrong-key', {}), 401);
    });
  });

  describe('GET /v1/interop/check, /interoperates-with and /matrix', () => {
    it('answers whether a interoperates with b, with the entry', async () => {
      const v = await ok<InteropCheckView>(await get('/v1/interop/check?a=' + encodeURIComponent('RHEL@9.2') + '&b=' + encodeURIComponent('vSphere@7.0 U3')));
      assert.equal(v.support, 'conditional');
      assert.equal(v.note, 'RHEL 9.2 or later with VMware Tools 12');
      assert.equal(v.entry?.importId, 'vendor-2026');
      assert.equal((await ok<InteropCheckView>(await get('/v1/interop/check?a=vSphere@6.5&b=RHEL@9.2'))).support, 'unknown');
    });

    it('answers 400 for a bad check', async () => {
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/check?a=vSphere'), 400)), ['a', 'b']);
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/check?a=vSphere@8&b=RHEL@---'), 400)), ['b']);
    });

    it('lists what interoperates with product@version', async () => {
      const v = await ok<InteroperatesWithView>(await get('/v1/interop/interoperates-with?product=' + encodeURIComponent('vSphere@8.0 U1')));
      assert.deepEqual(v.partners.map((p) => `${p.product}@${p.versions}:${p.support}`).sort(), ['RHEL@9.x:supported', 'Windows@2012:unsupported']);
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/interoperates-with?product=vSphere'), 400)), ['product']);
    });

    it('gives the matrix of a set of resources', async () => {
      const v = await ok<ResourceMatrixView>(await get(`/v1/interop/matrix?resources=${host},${guest}`));
      assert.equal(v.resources.length, 2);
      assert.equal(v.records.length, 2);
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/matrix'), 400)), ['resources']);
      assert.deepEqual(fieldsOf(await problem(await get('/v1/interop/matrix?resources=,'), 400)), ['resources']);
      await problem(await get(`/v1/interop/matrix?resources=${host}`, keys.globex), 404);
    });
  });

  describe('gRPC vorch.v1.Interop', () => {
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    let client: ReturnType<typeof grpcTestClient>;

    before(() => {
      client = grpcTestClient(gw.grpcAddress, join(protoRoot(), 'vorch/v1/interop.proto'), 'vorch.v1.Interop');
    });

    after(() => client.close());

    it('answers a check for a viewer', async () => {
      const { ok: res, err } = await client.call<{ support: string; entry?: { line: number } }>('Check', { a: 'vSphere@8.0', b: 'RHEL@9.4' }, bearer(keys.viewer));
      assert.equal(err, undefined, err?.message);
      assert.equal(res?.support, 'supported');
      assert.equal(res?.entry?.line, 2);
    });

    it('returns records of a resource, and NOT_FOUND for another tenant', async () => {
      const own = await client.call<{ records: unknown[] }>('Compatible', { resourceId: host }, bearer(keys.viewer));
      assert.equal(own.ok?.records.length, 1);
      const foreign = await client.call('Compatible', { resourceId: host }, bearer(keys.globex));
      assert.equal(foreign.err?.code, 5);
    });

    it('refuses global entries from an operator, and bad input with INVALID_ARGUMENT', async () => {
      const denied = await client.call('ImportMatrix', { scope: 'global', format: 'csv', content: MATRIX_CSV }, bearer(keys.operator));
      assert.equal(denied.err?.code, 7);
      const invalid = await client.call('RegisterResource', { kind: 'hypervisor', vendor: 'VMware', product: 'vSphere' }, bearer(keys.operator));
      assert.equal(invalid.err?.code, 3);
      assert.match(String(invalid.err?.metadata.get('vorch-errors')[0]), /"field":"version"/);
    });
  });
});
