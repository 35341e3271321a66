import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceChange } from '#vorch/vim-drivers';
import { mergePending, planRefresh } from './refresh-plan.js';
import { chunkDiff } from './targeted-refresh.js';

const change = (kind: ResourceChange['kind'], id: string, c: ResourceChange['change'] = 'modified'): ResourceChange => ({ kind, id, change: c, resourceVersion: '1' });

describe('planRefresh', () => {
  it('reads again just the VMs, ports and networks that changed, each once', () => {
    const plan = planRefresh([change('vm', 'v1', 'added'), change('vm', 'v1'), change('port', 'p1'), change('network', 'n1', 'deleted'), change('vm', 'v2', 'deleted')]);
    assert.deepEqual(plan, { kind: 'targeted', vms: ['v1', 'v2'], ports: ['p1'], networks: ['n1'], hosts: false });
  });

  it('lists the hosts again when a host changed, since hosts are read page by page only', () => {
    assert.deepEqual(planRefresh([change('vm', 'v1'), change('host', 'h1'), change('host', 'h2')]), { kind: 'targeted', vms: ['v1'], ports: [], networks: [], hosts: true });
  });

  it('walks the site when the burst is large or when the feed lost its place', () => {
    assert.equal(planRefresh(Array.from({ length: 11 }, (_, i) => change('vm', `v${i}`)), 10).kind, 'walk');
    assert.equal(planRefresh(Array.from({ length: 30 }, () => change('vm', 'same')), 10).kind, 'targeted', 'repeats of one object count once');
    assert.deepEqual(planRefresh('missed'), { kind: 'walk', reason: 'the change feed lost its position' });
  });

  it('folds pending entries together, a lost position absorbing everything', () => {
    assert.deepEqual(mergePending(undefined, [change('vm', 'a')]), [change('vm', 'a')]);
    assert.deepEqual(mergePending([change('vm', 'a')], [change('port', 'b')]), [change('vm', 'a'), change('port', 'b')]);
    assert.equal(mergePending([change('vm', 'a')], 'missed'), 'missed');
    assert.equal(mergePending('missed', [change('vm', 'a')]), 'missed');
  });
});

describe('chunkDiff', () => {
  it('splits a refresh into commits of at most the given size, keeping every entry once', () => {
    const r = (id: string) => ({ kind: 'host' as const, externalId: id, name: id, attributes: {} });
    const diff = { discovered: [r('a'), r('b'), r('c')], changed: [{ resource: r('d'), changes: [] }], gone: [{ kind: 'vm' as const, externalId: 'e', name: 'e' }], unchanged: 0 };
    const chunks = chunkDiff(diff, 2);
    assert.deepEqual(chunks.map((c) => [c.discovered.length, c.changed.length, c.gone.length]), [[2, 0, 0], [1, 1, 0], [0, 0, 1]]);
  });
});
