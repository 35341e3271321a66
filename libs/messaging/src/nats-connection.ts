import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('nats');

export function natsUrlFromEnv(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

/** Connects with unbounded reconnects: a NATS restart must pause a service, not kill it. */
export async function connectNats(name: string, url = natsUrlFromEnv()): Promise<NatsConnection> {
  const nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') log.warn({ status: s.type }, 'nats connection status');
    }
  })();
  return nc;
}
