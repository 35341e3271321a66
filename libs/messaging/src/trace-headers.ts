import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { Context } from '@opentelemetry/api';
import { extractTrace, injectTrace } from '#vorch/telemetry';

/** NATS headers carrying the active W3C traceparent (nats-server 2.9 does not trace by itself). */
export function tracedHeaders(base?: MsgHdrs): MsgHdrs {
  const h = base ?? natsHeaders();
  injectTrace((k, v) => h.set(k, v));
  return h;
}

export function contextFromHeaders(h: MsgHdrs | undefined): Context {
  return extractTrace((k) => (h?.has(k) ? h.get(k) : undefined));
}
