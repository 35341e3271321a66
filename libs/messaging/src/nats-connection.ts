import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('nats');

export function natsUrlFromEnv(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

/**
 * Connects with unbounded reconnects: a NATS restart must pause a service, not kill it. `noAsyncTraces`: the client
 * would otherwise build two Error objects (stack captured) for every request and JetStream publish, just in case it
 * times out; measured, that was a third of an appending service's CPU (`npm run bench -- eventstore`: 11,200 →
 * 16,100 appends/s across 1,000 aggregates). Our failures carry the subject and a typed code instead of a stack.
 */
export async function connectNats(name: string, url = natsUrlFromEnv()): Promise<NatsConnection> {
  const nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, noAsyncTraces: true });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') log.warn({ status: s.type }, 'nats connection status');
    }
  })();
  return nc;
}
