import { errors as natsErrors, type NatsConnection } from '@nats-io/transport-node';
import { SpanKind } from '@opentelemetry/api';
import { errorFromReply, UnavailableError, type CommandMeta } from '#vorch/contracts';
import { inSpan } from '#vorch/telemetry';
import { tracedHeaders } from './trace-headers.js';
import { decodeJson, encodeJson, type Reply } from './wire.js';

export interface RequestOptions {
  timeoutMs?: number;
}

/** A command or query as it travels: the payload and the metadata of whoever sent it. */
export interface BusRequest<T = unknown> {
  meta: CommandMeta;
  payload: T;
}

/**
 * The one way to send a command or a query: request/reply over core NATS, with the trace in the
 * headers. A typed error reply is rethrown as the same VorchError class the service threw.
 */
export class Bus {
  constructor(private readonly nc: NatsConnection) {}

  async request<R = unknown, P = unknown>(subject: string, payload: P, meta: CommandMeta, opts: RequestOptions = {}): Promise<R> {
    return inSpan(
      `request ${subject}`,
      { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'vorch.command_id': meta.commandId },
      async () => {
        let msg;
        try {
          msg = await this.nc.request(subject, encodeJson({ meta, payload } satisfies BusRequest<P>), {
            timeout: opts.timeoutMs ?? 10000,
            headers: tracedHeaders(),
          });
        } catch (err) {
          const noResponders =
            err instanceof natsErrors.NoRespondersError || (err instanceof natsErrors.RequestError && err.isNoResponders());
          if (noResponders) {
            throw new UnavailableError(`no service answers ${subject}`, { subject });
          }
          if (err instanceof natsErrors.TimeoutError) throw new UnavailableError(`${subject} timed out`, { subject });
          throw err;
        }
        const reply = decodeJson<Reply<R>>(msg.data);
        if ('error' in reply) throw errorFromReply(reply.error);
        return reply.ok;
      },
      undefined,
      SpanKind.CLIENT,
    );
  }
}
