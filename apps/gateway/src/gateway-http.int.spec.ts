import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testNats, type TestNats } from '#vorch/testing';
import { serveThings } from './testing/things-service.js';
import { startThingsGateway, testKeys, type ThingsGateway } from './testing/things-gateway.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; message: string }[];
  requestId: string;
  traceId: string;
}

// Only the parts of the document the test reads.
interface OpenApiDoc {
  components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, { required?: string[]; properties: Record<string, { type?: string; minimum?: number }> }> };
  paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { $ref: string } }> }; parameters: { name: string }[]; security?: unknown[] }>>;
  security: unknown[];
}

describe('gateway over HTTP (real NATS)', () => {
  let nats: TestNats;
  let gw: ThingsGateway;
  let things: ReturnType<typeof serveThings>;

  before(async () => {
    nats = await testNats();
    gw = await startThingsGateway(nats.prefix, nats.url);
    things = serveThings(nats.nc, gw.subjects);
    await nats.nc.flush();
  });

  after(async () => {
    things?.stop();
    await gw?.stop();
    await nats?.cleanup();
  });

  const call = (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('authorization', `Bearer ${init.key}`);
    return fetch(`${gw.httpUrl}${path}`, { ...init, headers });
  };
  const post = (path: string, key: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    call(path, { method: 'POST', key, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

  async function problem(res: Response, status: number): Promise<ProblemBody> {
    assert.equal(res.status, status);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as ProblemBody;
    assert.equal(body.status, status);
    assert.ok(body.type.startsWith('urn:vorch:problem:'));
    assert.ok(body.title);
    assert.ok(body.detail);
    return body;
  }

  describe('authentication', () => {
    it('answers 401 without a key', async () => {
      const res = await call('/v1/test-things/x');
      const p = await problem(res, 401);
      assert.equal(p.code, 'UNAUTHORIZED');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    });

    it('answers 401 for a wrong key and for a non-bearer scheme', async () => {
      await problem(await call('/v1/test-things/x', { key: 'not-a-key' }), 401);
      await problem(await call('/v1/test-things/x', { headers: { authorization: `Basic ${testKeys.acmeAdmin}` } }), 401);
      // A prefix of a real key is as wrong as any other string.
      await problem(await call('/v1/test-things/x', { key: testKeys.acmeAdmin.slice(0, -1) }), 401);
    });

    it('answers 403 when a viewer writes, and lets the viewer read', async () => {
      const p = await problem(await post('/v1/test-things', testKeys.acmeViewer, { name: 'x' }), 403);
      assert.equal(p.code, 'FORBIDDEN');
      const created = await json<{ id: string }>(await post('/v1/test-things', testKeys.acmeOperator, { name: 'readable' }));
      const res = await call(`/v1/test-things/${created.id}`, { key: testKeys.acmeViewer });
      assert.equal(res.status, 200);
      assert.equal((await json<{ name: string }>(res)).name, 'readable');
    });

    it('honours @RequireRole above the default: DELETE needs admin', async () => {
      const created = await json<{ id: string }>(await post('/v1/test-things', testKeys.acmeOperator, { name: 'doomed' }));
      await problem(await call(`/v1/test-things/${created.id}`, { method: 'DELETE', key: testKeys.acmeOperator }), 403);
      const res = await call(`/v1/test-things/${created.id}`, { method: 'DELETE', key: testKeys.acmeAdmin });
      assert.equal(res.status, 204);
      await problem(await call(`/v1/test-things/${created.id}`, { key: testKeys.acmeAdmin }), 404);
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 for another tenant's record, as if it did not exist", async () => {
      const res = await post('/v1/test-things', testKeys.acmeOperator, { name: 'acme-only', size: 3 });
      assert.equal(res.status, 201);
      const created = (await res.json()) as { id: string };

      const own = await call(`/v1/test-things/${created.id}`, { key: testKeys.acmeOperator });
      assert.deepEqual(await own.json(), { id: created.id, name: 'acme-only', size: 3 });

      const foreign = await problem(await call(`/v1/test-things/${created.id}`, { key: testKeys.globexOperator }), 404);
      const missing = await problem(await call('/v1/test-things/01NOTTHERE', { key: testKeys.globexOperator }), 404);
      assert.equal(foreign.code, 'NOT_FOUND');
      assert.equal(foreign.title, missing.title);
      assert.equal(foreign.detail, `thing ${created.id} was not found`);
    });
  });

  describe('command metadata', () => {
    it('sends the tenant, the key id, the tenant-scoped Idempotency-Key as command id and X-Request-Id as correlation id', async () => {
      const res = await post('/v1/test-things', testKeys.globexOperator, { name: 'meta' }, {
        'idempotency-key': 'create-meta-1',
        'x-request-id': 'req-meta-1',
      });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('x-request-id'), 'req-meta-1');
      const seen = things.seen.find((s) => s.meta.commandId === 'globex/create-meta-1');
      assert.ok(seen, 'the service saw the command');
      assert.equal(seen.meta.tenantId, 'globex');
      assert.equal(seen.meta.correlationId, 'req-meta-1');
      assert.match(seen.meta.actor ?? '', /^key-[0-9a-f]{12}$/);
      assert.ok(!JSON.stringify(seen.meta).includes(testKeys.globexOperator), 'the key itself never travels');
      // The service's handler span belongs to the trace the gateway started for the HTTP request.
      assert.equal(seen.traceId, res.headers.get('x-trace-id'));
    });

    it('generates ids when the caller sends none, and refuses a malformed Idempotency-Key', async () => {
      const res = await post('/v1/test-things', testKeys.acmeOperator, { name: 'no-ids' });
      const requestId = res.headers.get('x-request-id');
      assert.match(requestId ?? '', /^[0-9A-Z]{26}$/);
      const seen = things.seen.find((s) => s.meta.correlationId === requestId);
      assert.match(seen?.meta.commandId ?? '', /^[0-9A-Z]{26}$/);

      const bad = await problem(await post('/v1/test-things', testKeys.acmeOperator, { name: 'x' }, { 'idempotency-key': 'has spaces' }), 400);
      assert.equal(bad.errors?.[0]?.field, 'Idempotency-Key');
    });
  });

  describe('problem documents', () => {
    it('names every bad field of a body, unknown fields included', async () => {
      const res = await post('/v1/test-things', testKeys.acmeOperator, { size: -1, colour: 'red' }, { 'x-request-id': 'req-bad-body' });
      const p = await problem(res, 400);
      assert.equal(p.code, 'VALIDATION');
      assert.equal(p.instance, '/v1/test-things');
      assert.equal(p.requestId, 'req-bad-body');
      assert.match(p.traceId, /^[0-9a-f]{32}$/);
      assert.deepEqual([...new Set(p.errors?.map((e) => e.field))].sort(), ['colour', 'name', 'size']);
      assert.ok(p.errors?.every((e) => e.message.length > 0));
    });

    it('answers 400 for a malformed JSON body', async () => {
      const res = await call('/v1/test-things', { method: 'POST', key: testKeys.acmeOperator, body: '{"name": ', headers: { 'content-type': 'application/json' } });
      const p = await problem(res, 400);
      assert.deepEqual(p.errors, [{ field: '(body)', message: 'is not valid JSON' }]);
      // Bodies are read only after authentication: an anonymous caller learns nothing from a body error.
      const anonymous = await call('/v1/test-things', { method: 'POST', body: '{"name": ', headers: { 'content-type': 'application/json' } });
      await problem(anonymous, 401);
    });

    it('answers 413 for a body over the limit', async () => {
      const res = await post('/v1/test-things', testKeys.acmeOperator, { name: 'x'.repeat(1024 * 1024 + 10) });
      assert.equal((await problem(res, 413)).code, 'PAYLOAD_TOO_LARGE');
    });

    it('answers 404 problem for an unknown route', async () => {
      const p = await problem(await call('/v1/no-such-thing', { key: testKeys.acmeAdmin }), 404);
      assert.equal(p.code, 'NOT_FOUND');
      assert.equal(p.instance, '/v1/no-such-thing');
    });

    it('answers 503 when no service serves the subject', async () => {
      const p = await problem(await call('/v1/test-things/unserved', { key: testKeys.acmeViewer }), 503);
      assert.equal(p.code, 'UNAVAILABLE');
    });

    it('answers 500 without internals for an unexpected error', async () => {
      const res = await call('/v1/test-things/boom', { key: testKeys.acmeViewer });
      const text = await res.clone().text();
      const p = await problem(res, 500);
      assert.equal(p.code, 'INTERNAL');
      assert.equal(p.detail, 'An unexpected error occurred');
      assert.ok(!text.includes('hunter2') && !text.includes('/srv/secret') && !text.includes('stack'));
      assert.equal(p.traceId, res.headers.get('x-trace-id'));
    });
  });

  describe('probes, metrics, docs, traces, console', () => {
    it('serves /healthz and /readyz without a key', async () => {
      assert.deepEqual(await (await call('/healthz')).json(), { status: 'ok' });
      const ready = await call('/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', nats: 'connected' });
    });

    it('exposes the request-duration histogram by route template', async () => {
      await call('/v1/test-things/some-id', { key: testKeys.acmeViewer });
      const text = await (await call('/metrics')).text();
      assert.match(text, /vorch_http_request_duration_seconds_count\{[^}]*method="GET",route="\/v1\/test-things\/:id",status="404"\} \d+/);
      assert.match(text, /process_cpu_seconds_total/);
    });

    it('publishes an OpenAPI document with the bearer scheme and schemas from class-validator', async () => {
      const doc = await json<OpenApiDoc>(await call('/docs/openapi.json'));
      assert.equal(doc.components.securitySchemes.bearer?.scheme, 'bearer');
      assert.ok(doc.paths['/v1/test-things']?.post);
      const ref = doc.paths['/v1/test-things']!.post!.requestBody.content['application/json'].schema.$ref;
      assert.equal(ref, '#/components/schemas/CreateThing');
      const schema = doc.components.schemas.CreateThing!;
      assert.deepEqual(schema.required, ['name']);
      assert.equal(schema.properties.name?.type, 'string');
      assert.equal(schema.properties.size?.minimum, 0);
      assert.ok(doc.components.schemas.Problem);
      assert.deepEqual(doc.paths['/readyz']!.get!.security, [], 'probes need no key');
      assert.equal(doc.paths['/v1/test-things']!.post!.security, undefined, 'the document-wide bearer requirement applies');
      assert.deepEqual(doc.security, [{ bearer: [] }]);
      assert.deepEqual(doc.paths['/v1/traces']!.get!.parameters.map((p) => p.name), ['limit']);
      const ui = await call('/docs');
      assert.equal(ui.status, 200);
      assert.match(await ui.text(), /swagger/i);
    });

    it('lists recent traces for an admin only', async () => {
      const res = await post('/v1/test-things', testKeys.acmeOperator, { name: 'traced' });
      const traceId = res.headers.get('x-trace-id');
      await problem(await call('/v1/traces', { key: testKeys.acmeOperator }), 403);
      const traces = (await (await call('/v1/traces?limit=200', { key: testKeys.acmeAdmin })).json()) as { traceId: string; name: string; spanCount: number }[];
      const t = traces.find((x) => x.traceId === traceId);
      assert.ok(t, 'the POST is among the recent traces');
      assert.equal(t.name, 'POST /v1/test-things');
      assert.ok(t.spanCount >= 3, 'HTTP span, bus request span and the handler span');
      const spans = (await (await call(`/v1/traces/${traceId}`, { key: testKeys.acmeAdmin })).json()) as { name: string }[];
      assert.ok(spans.some((s) => s.name === `request ${gw.subjects.create}`));
      const bad = await problem(await call('/v1/traces?limit=0', { key: testKeys.acmeAdmin }), 400);
      assert.equal(bad.errors?.[0]?.field, 'limit');
    });

    it('serves the console page', async () => {
      const res = await call('/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /\/v1\/traces/);
    });
  });
});
