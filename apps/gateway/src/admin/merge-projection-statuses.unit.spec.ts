import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProjectionStatusView, ReplicaProjectionsView } from '#vorch/contracts';
import { mergeProjectionStatuses } from './merge-projection-statuses.js';

const view = (o: Partial<ProjectionStatusView> & Pick<ProjectionStatusView, 'name' | 'service' | 'replica' | 'state'>): ProjectionStatusView => ({
  checkpoint: 10,
  lagEvents: 0,
  ...o,
});

const answer = (service: string, replica: string, projections: ProjectionStatusView[]): ReplicaProjectionsView => ({ service, replica, projections });

describe('mergeProjectionStatuses', () => {
  it("speaks for a projection with its leader's view, whatever order the replicas answered in", () => {
    const standby = view({ name: 'sites', service: 'inventory', replica: 'b', state: 'standby' });
    const leader = view({ name: 'sites', service: 'inventory', replica: 'a', state: 'running', checkpoint: 12 });
    for (const answers of [
      [answer('inventory', 'b', [standby]), answer('inventory', 'a', [leader])],
      [answer('inventory', 'a', [leader]), answer('inventory', 'b', [standby])],
    ]) {
      const { items } = mergeProjectionStatuses(answers, ['inventory']);
      assert.deepEqual(items, [{ ...leader, replicas: 2 }]);
    }
  });

  it('prefers a rebuilding or stopped replica over a running one', () => {
    const running = view({ name: 'n', service: 's', replica: 'a', state: 'running' });
    const rebuilding = view({ name: 'n', service: 's', replica: 'b', state: 'rebuilding', rebuild: { applied: 1, total: 5, startedAt: '2026-01-01T00:00:00.000Z' } });
    assert.equal(mergeProjectionStatuses([answer('s', 'a', [running]), answer('s', 'b', [rebuilding])], []).items[0]!.replica, 'b');
    const stopped = view({ name: 'n', service: 's', replica: 'c', state: 'stopped' });
    assert.equal(mergeProjectionStatuses([answer('s', 'a', [running]), answer('s', 'c', [stopped])], []).items[0]!.state, 'stopped');
  });

  it('keeps the newest rebuild outcome any replica remembers (leadership may have moved since)', () => {
    const old = { outcome: 'completed' as const, applied: 3, total: 3, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z' };
    const newer = { ...old, outcome: 'failed' as const, finishedAt: '2026-01-02T00:00:00.000Z', error: { code: 'X', message: 'y' } };
    const leader = view({ name: 'n', service: 's', replica: 'a', state: 'running', lastRebuild: old });
    const formerLeader = view({ name: 'n', service: 's', replica: 'b', state: 'standby', lastRebuild: newer });
    const [merged] = mergeProjectionStatuses([answer('s', 'a', [leader]), answer('s', 'b', [formerLeader])], []).items;
    assert.equal(merged!.replica, 'a');
    assert.deepEqual(merged!.lastRebuild, newer);
  });

  it('lists an expected service that did not answer as unreachable, and an unexpected one that did', () => {
    const { services, items } = mergeProjectionStatuses(
      [answer('inventory', 'a', [view({ name: 'sites', service: 'inventory', replica: 'a', state: 'running' })]), answer('extra', 'x', [])],
      ['inventory', 'stats-collector'],
    );
    assert.deepEqual(services, [
      { service: 'extra', reachable: true, replicas: 1 },
      { service: 'inventory', reachable: true, replicas: 1 },
      { service: 'stats-collector', reachable: false, replicas: 0 },
    ]);
    assert.equal(items.length, 1);
  });

  it('sorts projections by service, then name', () => {
    const { items } = mergeProjectionStatuses(
      [
        answer('b-svc', 'r', [view({ name: 'z', service: 'b-svc', replica: 'r', state: 'running' }), view({ name: 'a', service: 'b-svc', replica: 'r', state: 'running' })]),
        answer('a-svc', 'q', [view({ name: 'm', service: 'a-svc', replica: 'q', state: 'running' })]),
      ],
      [],
    );
    assert.deepEqual(items.map((i) => `${i.service}/${i.name}`), ['a-svc/m', 'b-svc/a', 'b-svc/z']);
  });
});
