import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, privateNats, type PrivateServer } from '#vorch/testing';
import { createGateway, type Gateway } from './gateway.js';
import { grpcTestClient, healthProtoFile } from './testing/grpc-test-client.js';

// A NATS server of this test's own: it is killed and restarted here, the shared one never is.
describe('readiness follows the NATS connection', () => {
  let nats: PrivateServer;
  let gw: Gateway;
  let health: ReturnType<typeof grpcTestClient>;
  let natsDown = false;

  before(async () => {
    nats = await privateNats();
    gw = await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: 'k=acme:admin', natsUrl: nats.url, features: [] });
    health = grpcTestClient(gw.grpcAddress, healthProtoFile(), 'vorch.v1.Health');
  });

  after(async () => {
    health?.close();
    // NATS must be up again before closing (the gateway drains its connection on shutdown), even if the test failed.
    if (natsDown) await nats.restart();
    await gw?.close();
    await nats?.destroy();
  });

  const readyz = () => fetch(`${gw.httpUrl}/readyz`);
  const grpcReady = async () => (await health.call<{ status: string }>('Check', { service: 'vorch.v1.Gateway/ready' })).ok?.status;

  it('is ready while NATS answers, 503 problem while it is down, ready again after it returns', async () => {
    assert.equal((await readyz()).status, 200);
    assert.equal(await grpcReady(), 'SERVING');

    await nats.stop('SIGKILL');
    natsDown = true;
    const down = await eventually(async () => {
      const res = await readyz();
      assert.equal(res.status, 503);
      return res;
    });
    assert.equal(down.headers.get('content-type'), 'application/problem+json');
    const problem = (await down.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'UNAVAILABLE');
    assert.equal(problem.detail, 'NATS is not reachable');
    assert.equal(await grpcReady(), 'NOT_SERVING');
    // Liveness does not depend on NATS: restarting the gateway would not bring NATS back.
    assert.equal((await fetch(`${gw.httpUrl}/healthz`)).status, 200);

    await nats.restart();
    natsDown = false;
    await eventually(async () => assert.equal((await readyz()).status, 200), { timeoutMs: 20000 });
    assert.equal(await grpcReady(), 'SERVING');
  });
});
