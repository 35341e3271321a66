import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError, VorchError } from '#vorch/contracts';
import { decideSite, evolveSite } from './site.decider.js';
import { initialSiteState, type SiteState } from './site.state.js';
import type { SiteCommand } from './site.commands.js';
import type { SiteEvent } from './site.events.js';
import { diffInventory } from './inventory-diff.js';
import type { InventoryResource } from './inventory-resource.js';

const given = (...events: SiteEvent[]): SiteState => events.reduce(evolveSite, initialSiteState);
const when = (state: SiteState, c: SiteCommand) => decideSite(c, state);

const registered: SiteEvent = {
  type: 'SiteRegistered',
  data: { siteId: 's1', tenantId: 'acme', name: 'dc-east', dialect: 'openstack', endpoint: 'http://127.0.0.1:8090/sites/dc-east', domain: 'east', sealedCredentials: 'sealed' },
};
const started: SiteEvent = { type: 'DiscoveryStarted', data: { siteId: 's1', runId: 'r1', resumeFrom: null } };
const host = (id: string, memoryMb = 1024): InventoryResource => ({ kind: 'host', externalId: id, name: `h-${id}`, attributes: { memoryMb, hypervisorType: 'esxi', hypervisorVersion: '8.0.2' } });
const empty = new Map<string, InventoryResource>();

describe('site decider', () => {
  it('registers a valid site', () => {
    const cmd: SiteCommand = { type: 'RegisterSite', ...registered.data };
    assert.deepEqual(when(given(), cmd), [registered]);
  });

  it('refuses a second registration of the same site', () => {
    assert.throws(() => when(given(registered), { type: 'RegisterSite', ...registered.data }), (e: VorchError) => e.code === 'SITE.ALREADY_REGISTERED');
  });

  it('names every bad registration field', () => {
    const bad = { type: 'RegisterSite', siteId: 's2', tenantId: 'acme', name: 'Bad Name', dialect: 'hyperv', endpoint: 'ftp://x', domain: '', sealedCredentials: 'x' } as unknown as SiteCommand;
    assert.throws(
      () => when(given(), bad),
      (e: unknown) => e instanceof ValidationError && e.errors!.map((f) => f.field).sort().join() === 'dialect,domain,endpoint,name',
    );
  });

  it('records a discovered page as one event per resource plus progress', () => {
    const diff = diffInventory(empty, [host('a'), host('b')], { complete: false });
    const events = when(given(registered, started), { type: 'RecordInventory', runId: 'r1', diff, cursor: 'b' });
    assert.deepEqual(events.map((e) => e.type), [
      'ResourceDiscovered',
      'ResourceDiscovered',
      'InventoryResourceDiscovered',
      'InventoryResourceDiscovered',
      'DiscoveryProgressed',
    ]);
    assert.deepEqual(events[2]!.data, { tenantId: 'acme', siteId: 's1', externalId: 'a', kind: 'hypervisor', vendor: 'VMware', product: 'esxi', version: '8.0.2' });
    const state = events.reduce(evolveSite, given(registered, started));
    assert.equal(state.resourceCount, 2);
    assert.equal(state.run?.cursor, 'b');
  });

  it('refuses pages of a run that is not the current one', () => {
    const diff = diffInventory(empty, [host('a')], { complete: false });
    assert.throws(() => when(given(registered, started), { type: 'RecordInventory', runId: 'old', diff, cursor: null }), (e: VorchError) => e.code === 'SITE.STALE_DISCOVERY_RUN');
  });

  it('records a first walk as discoveries, not drift', () => {
    const diff = diffInventory(empty, [host('a')], { complete: true });
    const events = when(given(registered, started), { type: 'RecordInventory', runId: 'r1', diff, cursor: null });
    assert.ok(!events.some((e) => e.type === 'DriftDetected'));
  });

  it('turns a difference seen after the first complete walk into drift', () => {
    const completed: SiteEvent = { type: 'DiscoveryCompleted', data: { siteId: 's1', runId: 'r1', discovered: 1, changed: 0, gone: 0, unchanged: 0 } };
    const known = new Map([['host/a', host('a', 1024)]]);
    const diff = diffInventory(known, [host('a', 2048)], { complete: true });
    const events = when(given(registered, started, completed), { type: 'RecordInventory', runId: null, diff, cursor: null });
    assert.deepEqual(events.map((e) => e.type), ['DriftDetected', 'ResourceChanged']);
    const drift = events[0] as Extract<SiteEvent, { type: 'DriftDetected' }>;
    assert.equal(drift.data.change, 'modified');
    assert.deepEqual(drift.data.changes, [{ field: 'attributes.memoryMb', before: 1024, after: 2048 }]);
    const rerun: SiteEvent = { type: 'DiscoveryStarted', data: { siteId: 's1', runId: 'r2', resumeFrom: null } };
    const gone = diffInventory(known, [], { complete: true });
    const inRun = when(given(registered, started, completed, rerun), { type: 'RecordInventory', runId: 'r2', diff: gone, cursor: null });
    assert.deepEqual(inRun.map((e) => e.type), ['DriftDetected', 'ResourceGone', 'DiscoveryProgressed']);
  });

  it('resumes an interrupted walk from the last recorded cursor', () => {
    const page: SiteEvent = { type: 'DiscoveryProgressed', data: { siteId: 's1', runId: 'r1', cursor: 'host-500', resourcesSeen: 500, unchangedInPage: 0 } };
    const unreachable = when(given(registered, started, page), { type: 'MarkUnreachable', runId: 'r1', reason: 'connection refused' });
    assert.deepEqual(unreachable, [{ type: 'SiteUnreachable', data: { siteId: 's1', runId: 'r1', reason: 'connection refused', resumeFrom: 'host-500' } }]);
    const state = given(registered, started, page, ...unreachable);
    assert.equal(state.status, 'unreachable');
    assert.equal(state.lastError, 'connection refused');
    const restart = when(state, { type: 'StartDiscovery', runId: 'r2' });
    assert.deepEqual(restart, [{ type: 'DiscoveryStarted', data: { siteId: 's1', runId: 'r2', resumeFrom: 'host-500' } }]);
  });

  it('treats starting the current run again as a no-op', () => {
    assert.deepEqual(when(given(registered, started), { type: 'StartDiscovery', runId: 'r1' }), []);
  });

  it('completes a run with its counts and becomes ready', () => {
    const diff = diffInventory(empty, [host('a')], { complete: false });
    const s = when(given(registered, started), { type: 'RecordInventory', runId: 'r1', diff, cursor: null }).reduce(evolveSite, given(registered, started));
    const done = when(s, { type: 'CompleteDiscovery', runId: 'r1' });
    assert.deepEqual(done, [{ type: 'DiscoveryCompleted', data: { siteId: 's1', runId: 'r1', discovered: 1, changed: 0, gone: 0, unchanged: 0 } }]);
    assert.equal(evolveSite(s, done[0]!).status, 'ready');
  });

  it('answers not found for commands to a site that does not exist or was deregistered', () => {
    assert.throws(() => when(given(), { type: 'StartDiscovery', runId: 'r' }), (e: VorchError) => e.status === 404);
    assert.throws(() => when(given(registered, { type: 'SiteDeregistered', data: { siteId: 's1' } }), { type: 'DeregisterSite' }), (e: VorchError) => e.status === 404);
  });
});
