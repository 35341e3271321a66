import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export interface TestNats {
  nc: NatsConnection;
  url: string;
  /** Unique per test: prefix stream, consumer, bucket and subject names with it so parallel tests never meet. */
  prefix: string;
  /** Deletes every stream and KV bucket whose name starts with the prefix, then closes the connection. */
  cleanup(): Promise<void>;
}

export function natsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

export async function testNats(url = natsUrl()): Promise<TestNats> {
  const nc = await connect({ servers: url, name: 'vorch-test' });
  const prefix = `t${randomBytes(4).toString('hex')}`;
  return {
    nc,
    url,
    prefix,
    async cleanup() {
      const jsm = await jetstreamManager(nc);
      for await (const s of jsm.streams.list()) {
        const name = s.config.name;
        if (name.startsWith(prefix.toUpperCase()) || name.startsWith(prefix) || name.startsWith(`KV_${prefix}`)) {
          await jsm.streams.delete(name).catch(() => {});
        }
      }
      await nc.drain().catch(() => nc.close());
    },
  };
}
