import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { SpanKind } from '@opentelemetry/api';
import type { ClassConstructor } from 'class-transformer';
import { InternalError, ValidationError, VorchError, validateInput, type CommandMeta } from '#vorch/contracts';
import { createLogger, inSpan } from '#vorch/telemetry';
import { contextFromHeaders } from './trace-headers.js';
import { decodeJson, encodeJson, type Reply } from './wire.js';
import type { BusRequest } from './bus.js';

const log = createLogger('bus');

export interface RequestHandlerSpec<I extends object, R> {
  subject: string;
  /** Replicas of a service share the work through one queue group. */
  queue: string;
  /** The class-validator class the payload must satisfy; omit for payload-less queries. */
  input?: ClassConstructor<I>;
  handle(input: I, meta: CommandMeta): Promise<R>;
}

function parseRequest(msg: Msg): BusRequest {
  let body: unknown;
  try {
    body = decodeJson(msg.data);
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'is not valid JSON' }]);
  }
  const req = body as Partial<BusRequest>;
  const meta = req?.meta;
  const errors = [];
  if (typeof meta?.commandId !== 'string' || !meta.commandId) errors.push({ field: 'meta.commandId', message: 'is required' });
  if (typeof meta?.tenantId !== 'string' || !meta.tenantId) errors.push({ field: 'meta.tenantId', message: 'is required' });
  if (typeof meta?.correlationId !== 'string' || !meta.correlationId) errors.push({ field: 'meta.correlationId', message: 'is required' });
  if (errors.length) throw new ValidationError(errors);
  return { meta: meta as CommandMeta, payload: req.payload ?? {} };
}

async function answer<I extends object, R>(spec: RequestHandlerSpec<I, R>, msg: Msg): Promise<Reply<R>> {
  try {
    const { meta, payload } = parseRequest(msg);
    const input = spec.input ? validateInput(spec.input, payload) : (payload as I);
    return { ok: await spec.handle(input, meta) };
  } catch (err) {
    if (err instanceof VorchError) return { error: err.toReply() };
    log.error({ err, subject: spec.subject }, 'request handler failed');
    return { error: new InternalError().toReply() };
  }
}

/** Serves one command or query subject: validates, runs the handler in a span, replies with the outcome or a typed error. */
export function serveRequests<I extends object, R>(nc: NatsConnection, spec: RequestHandlerSpec<I, R>): Subscription {
  return nc.subscribe(spec.subject, {
    queue: spec.queue,
    callback: (err, msg) => {
      if (err) {
        log.error({ err, subject: spec.subject }, 'subscription failed');
        return;
      }
      void inSpan(
        `handle ${spec.subject}`,
        { 'messaging.system': 'nats', 'messaging.destination.name': spec.subject },
        async () => {
          const reply = await answer(spec, msg);
          if (msg.reply) msg.respond(encodeJson(reply));
        },
        contextFromHeaders(msg.headers),
        SpanKind.SERVER,
      ).catch((e: unknown) => log.error({ err: e, subject: spec.subject }, 'reply failed'));
    },
  });
}
