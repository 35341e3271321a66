import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpcasterRegistry } from '#vorch/contracts';
import { buildCommit, commitMsgId } from './commit-builder.js';
import type { AppendInput } from './append-input.js';

const input = (over: Partial<AppendInput> = {}): AppendInput => ({
  aggregateType: 'network',
  aggregateId: 'n1',
  expectedSeq: 41,
  expectedVersion: 7,
  meta: { commandId: 'cmd-1', tenantId: 'acme', correlationId: 'corr-1' },
  events: [
    { type: 'NetworkCreated', data: { cidr: '10.0.0.0/24' } },
    { type: 'PortAdded', data: { port: 1 }, schemaVersion: 4 },
  ],
  ...over,
});

describe('buildCommit', () => {
  it('numbers the events from the loaded version and stamps the command metadata on each', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const commit = buildCommit(input(), undefined, at);
    assert.equal(commit.commandId, 'cmd-1');
    assert.deepEqual(
      commit.events.map((e) => [e.type, e.version, e.aggregateType, e.aggregateId, e.tenantId, e.correlationId, e.causationId, e.occurredAt]),
      [
        ['NetworkCreated', 8, 'network', 'n1', 'acme', 'corr-1', 'cmd-1', '2026-01-02T03:04:05.000Z'],
        ['PortAdded', 9, 'network', 'n1', 'acme', 'corr-1', 'cmd-1', '2026-01-02T03:04:05.000Z'],
      ],
    );
    assert.notEqual(commit.events[0]!.id, commit.events[1]!.id);
  });

  it('keeps an explicit causation and takes the schema version from the upcasters unless given', () => {
    const upcasters = new UpcasterRegistry().register('NetworkCreated', 1, (d) => d).register('NetworkCreated', 2, (d) => d);
    const commit = buildCommit(input({ meta: { commandId: 'cmd-2', tenantId: 't', correlationId: 'c', causationId: 'evt-9' } }), upcasters);
    assert.equal(commit.events[0]!.causationId, 'evt-9');
    assert.equal(commit.events[0]!.schemaVersion, 3);
    assert.equal(commit.events[1]!.schemaVersion, 4);
  });
});

describe('commitMsgId', () => {
  it('scopes the command id to the aggregate, so one id may touch two aggregates', () => {
    assert.notEqual(commitMsgId('network', 'a', 'cmd'), commitMsgId('network', 'b', 'cmd'));
    assert.equal(commitMsgId('network', 'a', 'cmd'), commitMsgId('network', 'a', 'cmd'));
  });
});
