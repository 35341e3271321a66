import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { trace } from '@opentelemetry/api';
import { NotFoundError, newId, type CommandMeta } from '#vorch/contracts';
import { serveRequests } from '#vorch/messaging';
import { CreateThing, GetThing, type ThingView } from './thing.dto.js';
import type { thingsSubjects } from './things-test.feature.js';

interface Seen {
  subject: string;
  meta: CommandMeta;
  traceId?: string;
}

/**
 * The fake service behind the test feature, on real NATS: records live per tenant, and another tenant's record
 * answers NotFoundError exactly like a missing one.
 */
export function serveThings(nc: NatsConnection, subjects: ReturnType<typeof thingsSubjects>) {
  const records = new Map<string, ThingView & { tenantId: string }>();
  const seen: Seen[] = [];
  const remember = (subject: string, meta: CommandMeta) =>
    seen.push({ subject, meta, traceId: trace.getActiveSpan()?.spanContext().traceId });
  const owned = (id: string, meta: CommandMeta) => {
    const r = records.get(id);
    if (!r || r.tenantId !== meta.tenantId) throw new NotFoundError('thing', id);
    return r;
  };
  const subs: Subscription[] = [
    serveRequests(nc, {
      subject: subjects.create,
      queue: 'things',
      input: CreateThing,
      handle: async (input: CreateThing, meta) => {
        remember(subjects.create, meta);
        const view: ThingView = { id: newId(), name: input.name, ...(input.size === undefined ? {} : { size: input.size }) };
        records.set(view.id, { ...view, tenantId: meta.tenantId });
        return view;
      },
    }),
    serveRequests(nc, {
      subject: subjects.get,
      queue: 'things',
      input: GetThing,
      handle: async (input: GetThing, meta) => {
        remember(subjects.get, meta);
        const { tenantId: _t, ...view } = owned(input.id, meta);
        return view;
      },
    }),
    serveRequests(nc, {
      subject: subjects.remove,
      queue: 'things',
      input: GetThing,
      handle: async (input: GetThing, meta) => {
        remember(subjects.remove, meta);
        owned(input.id, meta);
        records.delete(input.id);
        return {};
      },
    }),
  ];
  return {
    seen,
    stop: () => subs.forEach((s) => s.unsubscribe()),
  };
}
