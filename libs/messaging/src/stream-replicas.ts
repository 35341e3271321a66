/**
 * How many copies JetStream keeps of each stream and KV bucket Vorch creates: 1 on a single server, 3 on a 3-node
 * cluster (the data then survives losing a node). Read from VORCH_STREAM_REPLICAS when a stream or bucket is
 * created; an existing one keeps its count (changing it is an operator's `nats stream edit`, not a side effect of
 * a service starting with another setting).
 */
export function streamReplicas(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.VORCH_STREAM_REPLICAS ?? '1';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error(`VORCH_STREAM_REPLICAS must be a whole number from 1 to 5, not "${text}"`);
  return n;
}
