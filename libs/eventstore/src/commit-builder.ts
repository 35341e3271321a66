import type { Commit, EventEnvelope, UpcasterRegistry } from '#vorch/contracts';
import { newEventId } from './event-id.js';
import type { AppendInput } from './append-input.js';

/**
 * Turns an append into the commit that is published: one envelope per event, numbered from the loaded version,
 * all sharing the command's tenant, correlation and causation (the command itself when nothing caused it).
 */
export function buildCommit(input: AppendInput, upcasters: UpcasterRegistry | undefined, now: Date = new Date()): Commit {
  const { meta } = input;
  const occurredAt = now.toISOString();
  const events = input.events.map(
    (e, i): EventEnvelope => ({
      id: newEventId(),
      type: e.type,
      schemaVersion: e.schemaVersion ?? upcasters?.currentVersion(e.type) ?? 1,
      aggregateId: input.aggregateId,
      aggregateType: input.aggregateType,
      version: input.expectedVersion + i + 1,
      occurredAt,
      tenantId: meta.tenantId,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.commandId,
      data: e.data,
    }),
  );
  return { commandId: meta.commandId, events };
}

/**
 * Nats-Msg-Id is unique per stream, so it is scoped to the aggregate: a saga that reuses one command id for
 * two aggregates must not have the second append swallowed as a duplicate of the first.
 */
export function commitMsgId(aggregateType: string, aggregateId: string, commandId: string): string {
  return `${aggregateType}.${aggregateId}:${commandId}`;
}
