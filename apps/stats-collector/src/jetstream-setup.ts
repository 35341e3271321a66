import { AckPolicy, DeliverPolicy, jetstreamManager, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { streamReplicas } from '#vorch/messaging';

/** Creates the stream, or leaves an existing one as it is (several replicas start at once). */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string; subjects: string[] }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
  } catch {
    await jsm.streams.add({ num_replicas: streamReplicas(), ...config }).catch(async (err: unknown) => {
      // another replica may have created it between our two calls
      await jsm.streams.info(config.name).catch(() => Promise.reject(err));
    });
  }
}

/** A durable pull consumer with explicit acks; replicas share it, so each message is handled by one of them. */
export async function ensureDurable(nc: NatsConnection, stream: string, durable: string, filterSubject: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.consumers.info(stream, durable);
  } catch {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: 30_000_000_000,
      max_deliver: 20,
    });
  }
}
