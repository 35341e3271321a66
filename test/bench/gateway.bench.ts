// npm run bench -- gateway
// The gateway's own cost, measured against the same work without it, in one process and one run:
// - a query forwarded REST → bus → fake service (requests/s, 32 in flight) against a bare node:http server that
//   forwards the same query with Bus.request (baseline): same client, same bus, so the ratio is what Nest, auth,
//   validation, tracing, metrics and logging add;
// - the same query's latency one at a time (p50/p99, ms), against the bare forwarder's;
// - the same query over gRPC (requests/s), against Bus.request sent directly (no client/server hop at all);
// - GET /healthz (requests/s) against a bare node:http server answering the same JSON.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { testNats } from '#vorch/testing';
import { grpcTestClient } from '../../apps/gateway/src/testing/grpc-test-client.js';
import { serveThings } from '../../apps/gateway/src/testing/things-service.js';
import { startThingsGateway, testKeys } from '../../apps/gateway/src/testing/things-gateway.js';
import { benchReporter, percentile } from './bench-report.js';

const IN_FLIGHT = 32;
const THROUGHPUT_REQUESTS = 4000;
const LATENCY_ROUNDS = 500;

const emit = benchReporter('gateway');


/** Runs `total` operations with `inFlight` workers and returns operations per second. */
async function throughput(total: number, inFlight: number, op: () => Promise<unknown>): Promise<number> {
  let left = total;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await op();
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

async function latencies(rounds: number, op: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await op();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const nats = await testNats();
  const gw = await startThingsGateway(nats.prefix, nats.url);
  const things = serveThings(nats.nc, gw.subjects);
  const bus = new Bus(nats.nc);
  const grpc = grpcTestClient(gw.grpcAddress, gw.thingsProtoFile, 'vorch.testthings.Things');
  const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  let thingId = '';
  const bareForwarder = createServer((_req, res) => {
    bus.request(gw.subjects.get, { id: thingId }, { commandId: newId(), tenantId: 'acme', correlationId: newId() }).then(
      (v) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v)),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => bareForwarder.listen(0, '127.0.0.1', r));
  try {
    await nats.nc.flush();
    const auth = { authorization: `Bearer ${testKeys.acmeOperator}` };
    const created = (await (
      await fetch(`${gw.httpUrl}/v1/test-things`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"bench"}' })
    ).json()) as { id: string };
    thingId = created.id;
    const meta = () => ({ commandId: newId(), tenantId: 'acme', correlationId: newId() });

    const viaRest = async () => {
      const res = await fetch(`${gw.httpUrl}/v1/test-things/${created.id}`, { headers: auth });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await res.arrayBuffer();
    };
    const forwarderUrl = `http://127.0.0.1:${(bareForwarder.address() as AddressInfo).port}/v1/test-things/${created.id}`;
    const viaBareForwarder = async () => {
      const res = await fetch(forwarderUrl, { headers: auth });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await res.arrayBuffer();
    };
    const viaBus = () => bus.request(gw.subjects.get, { id: created.id }, meta());
    const viaGrpc = async () => {
      const { err } = await grpc.call('Get', { id: created.id }, auth);
      if (err) throw err;
    };
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/healthz`;
    const healthz = (url: string) => async () => void (await (await fetch(url)).arrayBuffer());

    // Warm-up: JIT, connection pools, Nest's first-request paths.
    await throughput(500, IN_FLIGHT, viaRest);
    await throughput(500, IN_FLIGHT, viaBus);
    await throughput(500, IN_FLIGHT, viaGrpc);
    await throughput(500, IN_FLIGHT, viaBareForwarder);

    const bareForwardRate = await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, viaBareForwarder);
    emit('rest-forward-query', await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, viaRest), 'requests/s', bareForwardRate);
    const busRate = await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, viaBus);
    emit('grpc-forward-query', await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, viaGrpc), 'requests/s', busRate);

    const bareLat = await latencies(LATENCY_ROUNDS, viaBareForwarder);
    const restLat = await latencies(LATENCY_ROUNDS, viaRest);
    emit('rest-forward-query-p50', percentile(restLat, 50), 'ms', percentile(bareLat, 50));
    emit('rest-forward-query-p99', percentile(restLat, 99), 'ms', percentile(bareLat, 99));

    await throughput(500, IN_FLIGHT, healthz(bareUrl));
    const bareRate = await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, healthz(bareUrl));
    emit('healthz', await throughput(THROUGHPUT_REQUESTS, IN_FLIGHT, healthz(`${gw.httpUrl}/healthz`)), 'requests/s', bareRate);
  } finally {
    grpc.close();
    bare.close();
    bareForwarder.close();
    things.stop();
    await gw.stop();
    await nats.cleanup();
  }
}

await main();
