import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { testNats, type TestNats } from '#vorch/testing';
import { grpcTestClient, healthProtoFile } from './testing/grpc-test-client.js';
import { serveThings } from './testing/things-service.js';
import { startThingsGateway, testKeys, type ThingsGateway } from './testing/things-gateway.js';

describe('gateway over gRPC (real NATS, real gRPC client)', () => {
  let nats: TestNats;
  let gw: ThingsGateway;
  let things: ReturnType<typeof serveThings>;
  let health: ReturnType<typeof grpcTestClient>;
  let client: ReturnType<typeof grpcTestClient>;

  before(async () => {
    nats = await testNats();
    gw = await startThingsGateway(nats.prefix, nats.url);
    things = serveThings(nats.nc, gw.subjects);
    await nats.nc.flush();
    health = grpcTestClient(gw.grpcAddress, healthProtoFile(), 'vorch.v1.Health');
    client = grpcTestClient(gw.grpcAddress, gw.thingsProtoFile, 'vorch.testthings.Things');
  });

  after(async () => {
    health?.close();
    client?.close();
    things?.stop();
    await gw?.stop();
    await nats?.cleanup();
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  describe('health service', () => {
    it('answers liveness and readiness without a key', async () => {
      assert.deepEqual((await health.call('Check', {})).ok, { status: 'SERVING' });
      assert.deepEqual((await health.call('Check', { service: 'vorch.v1.Gateway/ready' })).ok, { status: 'SERVING' });
    });

    it('maps an unknown service to NOT_FOUND with the Vorch code in the metadata', async () => {
      const { err } = await health.call('Check', { service: 'no.such.Service' });
      assert.equal(err?.code, status.NOT_FOUND);
      assert.equal(err?.details, 'health service no.such.Service was not found');
      assert.deepEqual(err?.metadata.get('vorch-code'), ['NOT_FOUND']);
    });
  });

  describe('authentication', () => {
    it('answers UNAUTHENTICATED without a key and with a wrong key', async () => {
      for (const md of [{}, bearer('wrong'), { authorization: testKeys.acmeOperator }]) {
        const { err } = await client.call('Get', { id: 'x' }, md);
        assert.equal(err?.code, status.UNAUTHENTICATED);
        assert.deepEqual(err?.metadata.get('vorch-code'), ['UNAUTHORIZED']);
      }
    });

    it('answers PERMISSION_DENIED when a viewer calls a command (gRPC default role is operator)', async () => {
      const { err } = await client.call('Create', { name: 'x' }, bearer(testKeys.acmeViewer));
      assert.equal(err?.code, status.PERMISSION_DENIED);
      assert.deepEqual(err?.metadata.get('vorch-code'), ['FORBIDDEN']);
    });
  });

  describe('forwarding and error mapping', () => {
    it('forwards with the principal and call metadata, and keeps tenants apart', async () => {
      const created = await client.call<{ id: string; name: string; size: number }>('Create', { name: 'over-grpc', size: 7 }, {
        ...bearer(testKeys.acmeOperator),
        'idempotency-key': 'grpc-create-1',
        'x-request-id': 'grpc-req-1',
      });
      assert.equal(created.err, undefined);
      assert.equal(created.ok?.name, 'over-grpc');
      assert.equal(created.ok?.size, 7);
      const seen = things.seen.find((s) => s.meta.commandId === 'acme/grpc-create-1');
      assert.equal(seen?.meta.tenantId, 'acme');
      assert.equal(seen?.meta.correlationId, 'grpc-req-1');
      assert.match(seen?.traceId ?? '', /^[0-9a-f]{32}$/);

      const own = await client.call('Get', { id: created.ok!.id }, bearer(testKeys.acmeViewer));
      assert.equal(own.ok?.name, 'over-grpc');
      const foreign = await client.call('Get', { id: created.ok!.id }, bearer(testKeys.globexOperator));
      assert.equal(foreign.err?.code, status.NOT_FOUND);
    });

    it('maps validation failures to INVALID_ARGUMENT naming the fields', async () => {
      const { err } = await client.call('Create', { size: 3 }, bearer(testKeys.acmeOperator));
      assert.equal(err?.code, status.INVALID_ARGUMENT);
      assert.deepEqual(err?.metadata.get('vorch-code'), ['VALIDATION']);
      const fields = (JSON.parse(String(err?.metadata.get('vorch-errors')[0])) as { field: string }[]).map((e) => e.field);
      assert.deepEqual([...new Set(fields)], ['name']);
    });

    it('refuses a malformed idempotency key with INVALID_ARGUMENT', async () => {
      const { err } = await client.call('Create', { name: 'x' }, { ...bearer(testKeys.acmeOperator), 'idempotency-key': 'no spaces allowed' });
      assert.equal(err?.code, status.INVALID_ARGUMENT);
    });
  });
});
