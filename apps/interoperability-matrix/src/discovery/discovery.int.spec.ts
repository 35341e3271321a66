import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { newId, type CompatibleResourcesView, type InteropResourceView } from '#vorch/contracts';
import { EventStore } from '#vorch/eventstore';
import { eventually } from '#vorch/testing';
import { resourceIdFor } from '../aggregate-ids.js';
import { interopTestBed, type InteropTestBed } from '../testing/interop-test-bed.js';

describe('discovered resources from evt.inventory.>', () => {
  let bed: InteropTestBed;
  let inventory: EventStore;
  let db: pg.Client;

  before(async () => {
    bed = await interopTestBed();
    // the publisher's stream appears after the service started: the consumer waits for it
    const { stream, filterSubject } = bed.service.settings.discovery;
    inventory = await EventStore.open(bed.nats.nc, { stream, subjectPrefix: filterSubject.replace(/\.>$/, '') });
    db = new pg.Client({ connectionString: bed.db.url });
    await db.connect();
    await bed.importAndWait({ scope: 'global', format: 'csv', content: 'productA,versionsA,productB,versionsB,support\nESXi,8.0,Ubuntu,22.04,supported\n' });
  });

  after(async () => {
    await db.end();
    await bed.close();
  });

  // the inventory service's side: one commit per discovery pass of a site, possibly with other events in it
  let siteSeq = 0;
  let siteVersion = 0;
  async function publish(tenantId: string, events: Array<{ type: string; data: unknown }>): Promise<void> {
    const result = await inventory.append({
      aggregateType: 'site',
      aggregateId: 'lyon',
      expectedSeq: siteSeq,
      expectedVersion: siteVersion,
      meta: { commandId: newId(), tenantId, correlationId: newId() },
      events,
    });
    siteSeq = result.seq;
    siteVersion = result.version;
  }

  const hostFacts = { tenantId: 'acme', kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 'lyon', externalId: 'host-42' };
  const hostId = resourceIdFor('acme', { siteId: 'lyon', externalId: 'host-42', commandId: '' });
  const resourceRows = async (externalId: string) =>
    Number(((await db.query('select count(*) as n from interop_resources where external_id = $1', [externalId])).rows[0] as { n: string }).n);

  it('registers a discovered resource and stores its records', async () => {
    await publish('acme', [
      { type: 'SiteRegistered', data: { siteId: 'lyon' } },
      { type: 'InventoryResourceDiscovered', data: hostFacts },
    ]);
    const view = await eventually(() => bed.bus.request<InteropResourceView>(bed.subjects.getResource, { resourceId: hostId }, bed.meta()), { timeoutMs: 20000 });
    assert.equal(view.version, '8.0 U2');
    assert.equal(view.externalId, 'host-42');
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: { ...hostFacts, kind: 'guest-os', vendor: 'Canonical', product: 'Ubuntu', version: '22.04', externalId: 'vm-7', extraField: 'ignored' } }]);
    const records = await eventually(async () => {
      const v = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: hostId }, bed.meta());
      assert.equal(v.records.length, 1);
      return v.records;
    });
    assert.equal(records[0]!.support, 'supported');
    assert.equal(records[0]!.otherResource.externalId, 'vm-7');
  });

  it('discovering the same resource again changes nothing', async () => {
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: hostFacts }]);
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: hostFacts }]);
    // a marker published after them: once it is in, the two before it were handled
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: { ...hostFacts, externalId: 'marker-1' } }]);
    await eventually(async () => assert.equal(await resourceRows('marker-1'), 1));
    assert.equal(await resourceRows('host-42'), 1);
  });

  it('skips an invalid event and keeps consuming', async () => {
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: { ...hostFacts, kind: 'toaster', externalId: 'bad-1' } }]);
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: { ...hostFacts, externalId: 'after-bad' } }]);
    await eventually(async () => assert.equal(await resourceRows('after-bad'), 1));
    assert.equal(await resourceRows('bad-1'), 0);
  });

  it('follows an upgrade seen by discovery', async () => {
    await publish('acme', [{ type: 'InventoryResourceDiscovered', data: { ...hostFacts, version: '7.0.3' } }]);
    await eventually(async () => {
      const v = await bed.bus.request<InteropResourceView>(bed.subjects.getResource, { resourceId: hostId }, bed.meta());
      assert.equal(v.version, '7.0.3');
    });
    const v = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: hostId }, bed.meta());
    assert.deepEqual(v.records, [], 'the matrix says nothing about ESXi 7 with Ubuntu');
  });
});
