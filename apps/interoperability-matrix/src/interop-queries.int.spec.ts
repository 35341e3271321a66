import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError, VorchError, type CompatibleResourcesView, type InteropCheckView, type InteroperatesWithView, type ResourceMatrixView } from '#vorch/contracts';
import { interopTestBed, type InteropTestBed } from './testing/interop-test-bed.js';

const MATRIX = [
  'productA,versionsA,productB,versionsB,support,note',
  'ESXi,8.0,Ubuntu,22.04,supported,',
  'ESXi,>=7.0 <8.0,Ubuntu,22.04,conditional,needs open-vm-tools 12',
  'ESXi,*,Windows,2012,unsupported,',
  'ConnectX-6,>=22.30,ESXi,8.0,supported,',
].join('\n');

describe('interoperability-matrix over the bus: resources, records and queries', () => {
  let bed: InteropTestBed;
  let host8 = '';
  let host7 = '';
  let ubuntu = '';
  let windows = '';

  before(async () => {
    bed = await interopTestBed();
    // resources before the matrix: records appear when the import completes
    host8 = (await bed.register({ kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 'lyon', externalId: 'host-1' })).resourceId;
    ubuntu = (await bed.register({ kind: 'guest-os', vendor: 'Canonical', product: 'Ubuntu', version: '22.04.3' })).resourceId;
    await bed.importAndWait({ scope: 'global', format: 'csv', content: MATRIX, importId: 'vendor-matrix-1' });
    // resources after the matrix: records appear when they register
    host7 = (await bed.register({ kind: 'hypervisor', vendor: 'VMware', product: 'esxi', version: '7.0.3' })).resourceId;
    windows = (await bed.register({ kind: 'guest-os', vendor: 'Microsoft', product: 'Windows', version: '2012 R2' })).resourceId;
  });

  after(async () => {
    await bed.close();
  });

  it('registers a resource once per site and external id', async () => {
    const again = await bed.register({ kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 'lyon', externalId: 'host-1' });
    assert.deepEqual(again, { resourceId: host8, changed: false });
    const view = await bed.bus.request<{ product: string; version: string; tenantId: string }>(bed.subjects.getResource, { resourceId: host8 }, bed.meta());
    assert.equal(view.version, '8.0 U2');
    assert.equal(view.tenantId, 'acme');
  });

  it('stores records for a resource against every resource the matrix connects it with', async () => {
    const v = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: host8 }, bed.meta());
    const byOther = Object.fromEntries(v.records.map((r) => [r.otherResource.resourceId, r]));
    assert.equal(byOther[ubuntu]?.support, 'supported');
    assert.equal(byOther[ubuntu]?.entry.line, 2);
    assert.equal(byOther[ubuntu]?.entry.importId, 'vendor-matrix-1');
    assert.equal(byOther[windows]?.support, 'unsupported');
    assert.equal(byOther[host7], undefined, 'no entry pairs ESXi with ESXi');
    assert.equal(v.records.length, 2);

    const guest = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: ubuntu }, bed.meta());
    assert.deepEqual(
      guest.records.map((r) => [r.otherResource.resourceId, r.support, r.note]).sort(),
      [
        [host7, 'conditional', 'needs open-vm-tools 12'],
        [host8, 'supported', undefined],
      ].sort(),
    );
  });

  it('pages records and filters them by support', async () => {
    const first = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: host8, limit: 1 }, bed.meta());
    assert.equal(first.records.length, 1);
    assert.ok(first.next);
    const second = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: host8, limit: 1, after: first.next }, bed.meta());
    assert.equal(second.records.length, 1);
    assert.equal(second.next, undefined);
    assert.notEqual(second.records[0]!.otherResource.resourceId, first.records[0]!.otherResource.resourceId);
    const unsupported = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: host8, support: 'unsupported' }, bed.meta());
    assert.deepEqual(unsupported.records.map((r) => r.otherResource.resourceId), [windows]);
  });

  it('answers whether a interoperates with b, with the entry that says so', async () => {
    const yes = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ubuntu@22.04', b: 'ESXi@8.0 U3' }, bed.meta());
    assert.equal(yes.support, 'supported');
    assert.equal(yes.entry?.productA, 'ESXi');
    assert.equal(yes.entry?.versionsA, '8.0');
    const conditional = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ESXi@7.0.3', b: 'Ubuntu@22.04' }, bed.meta());
    assert.equal(conditional.support, 'conditional');
    assert.equal(conditional.note, 'needs open-vm-tools 12');
    const unknown = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ESXi@6.5', b: 'Ubuntu@22.04' }, bed.meta());
    assert.equal(unknown.support, 'unknown');
    assert.equal(unknown.entry, undefined);
  });

  it('lists what interoperates with product@version', async () => {
    const v = await bed.bus.request<InteroperatesWithView>(bed.subjects.interoperatesWith, { product: 'ESXi@8.0 U1' }, bed.meta());
    assert.deepEqual(v.partners.map((p) => [p.product, p.versions, p.support]).sort(), [
      ['ConnectX-6', '>=22.30', 'supported'],
      ['Ubuntu', '22.04', 'supported'],
      ['Windows', '2012', 'unsupported'],
    ]);
  });

  it('gives the full matrix of a set of resources', async () => {
    const v = await bed.bus.request<ResourceMatrixView>(bed.subjects.resourceMatrix, { resourceIds: [host8, host7, ubuntu] }, bed.meta());
    assert.equal(v.resources.length, 3);
    assert.deepEqual(v.records.map((r) => `${r.resourceId}>${r.otherResourceId}:${r.support}`).sort(), [
      `${host7}>${ubuntu}:conditional`,
      `${host8}>${ubuntu}:supported`,
      `${ubuntu}>${host7}:conditional`,
      `${ubuntu}>${host8}:supported`,
    ].sort());
  });

  it('recomputes a resource records when it shows up in another version', async () => {
    await bed.register({ kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '7.0 U3', siteId: 'lyon', externalId: 'host-1' });
    const v = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: ubuntu }, bed.meta());
    assert.equal(v.records.find((r) => r.otherResource.resourceId === host8)?.support, 'conditional');
    await bed.register({ kind: 'hypervisor', vendor: 'VMware', product: 'ESXi', version: '8.0 U2', siteId: 'lyon', externalId: 'host-1' });
  });

  it('keeps tenants apart: another tenant resources are not found', async () => {
    await assert.rejects(bed.bus.request(bed.subjects.compatible, { resourceId: host8 }, bed.meta('globex')), (err: unknown) => {
      assert.ok(err instanceof VorchError);
      assert.equal(err.code, 'NOT_FOUND');
      assert.equal(err.status, 404);
      return true;
    });
    await assert.rejects(bed.bus.request(bed.subjects.getResource, { resourceId: host8 }, bed.meta('globex')), (err: VorchError) => err.status === 404);
    await assert.rejects(bed.bus.request(bed.subjects.resourceMatrix, { resourceIds: [host8] }, bed.meta('globex')), (err: VorchError) => err.code === 'NOT_FOUND');
    // the global matrix is every tenant's
    const check = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ESXi@8.0', b: 'Ubuntu@22.04' }, bed.meta('globex'));
    assert.equal(check.support, 'supported');
  });

  it('lets a tenant own entry decide for that tenant alone', async () => {
    await bed.importAndWait({ scope: 'tenant', format: 'yaml', content: '- {productA: ESXi, versionsA: "8.0 U2", productB: Ubuntu, versionsB: "22.04", support: unsupported}\n' }, 'acme');
    const acme = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ESXi@8.0 U2', b: 'Ubuntu@22.04' }, bed.meta('acme'));
    assert.equal(acme.support, 'unsupported');
    assert.equal(acme.entry?.scope, 'tenant');
    assert.equal(acme.overridden[0]?.scope, 'global');
    const globex = await bed.bus.request<InteropCheckView>(bed.subjects.check, { a: 'ESXi@8.0 U2', b: 'Ubuntu@22.04' }, bed.meta('globex'));
    assert.equal(globex.support, 'supported');
    // and acme's records follow its own entry
    const v = await bed.bus.request<CompatibleResourcesView>(bed.subjects.compatible, { resourceId: host8 }, bed.meta('acme'));
    assert.equal(v.records.find((r) => r.otherResource.resourceId === ubuntu)?.support, 'unsupported');
  });

  it('names every bad field of a request', async () => {
    await assert.rejects(bed.bus.request(bed.subjects.registerResource, { kind: 'toaster', vendor: '', product: 'x' }, bed.meta()), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual([...new Set(err.errors?.map((e) => e.field))].sort(), ['kind', 'vendor', 'version']);
      return true;
    });
    await assert.rejects(bed.bus.request(bed.subjects.check, { a: 'ESXi', b: 'Ubuntu@' }, bed.meta()), (err: ValidationError) => {
      assert.deepEqual([...new Set(err.errors?.map((e) => e.field))].sort(), ['a', 'b']);
      return true;
    });
    await assert.rejects(bed.bus.request(bed.subjects.compatible, { resourceId: host8, limit: 0 }, bed.meta()), (err: ValidationError) => err.errors?.[0]?.field === 'limit');
    await assert.rejects(bed.bus.request(bed.subjects.getResource, { resourceId: 'nope' }, bed.meta()), (err: VorchError) => err.status === 404);
  });
});
