import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { VorchError, type ImportMatrixResult, type InteropCheckView, type MatrixImportView } from '#vorch/contracts';
import type { EventStore } from '#vorch/eventstore';
import { chunkEntries, parseMatrixFile } from '#vorch/interop-domain';
import { eventually } from '#vorch/testing';
import { contentHash, importAggregateId } from './aggregate-ids.js';
import { ImportWriter } from './commands/import-writer.js';
import { INTEROP_EVENT_STORE } from './event-store.provider.js';
import { interopTestBed, type InteropTestBed } from './testing/interop-test-bed.js';

const csv = (...rows: string[]) => ['productA,versionsA,productB,versionsB,support,note', ...rows].join('\n');

describe('matrix import over the bus', () => {
  let bed: InteropTestBed;

  before(async () => {
    bed = await interopTestBed({ importChunkSize: 2 });
  });

  after(async () => {
    await bed.close();
  });

  const check = (a: string, b: string, tenant = 'acme') => bed.bus.request<InteropCheckView>(bed.subjects.check, { a, b }, bed.meta(tenant));
  const importsInStream = async () => {
    const jsm = await jetstreamManager(bed.nats.nc);
    const info = await jsm.streams.info(bed.service.settings.events.stream, { subjects_filter: `${bed.service.settings.events.subjectPrefix}.import.>` });
    return Object.values(info.state.subjects ?? {}).reduce((n, c) => n + c, 0);
  };

  it('imports a file in chunks and reports its progress', async () => {
    const content = csv('KVM,6.2,RHEL,9.x,supported,', 'KVM,6.2,Ubuntu,22.04,supported,', 'KVM,6.2,Windows,2022,conditional,virtio drivers', 'KVM,7,RHEL,9.x,supported,', 'KVM,7,SLES,15 SP4,unsupported,');
    const view = await bed.importAndWait({ scope: 'global', format: 'csv', content, importId: 'kvm-1', fileName: 'kvm.csv' });
    assert.equal(view.status, 'completed');
    assert.equal(view.totalEntries, 5);
    assert.equal(view.appendedEntries, 5);
    assert.deepEqual([view.totalChunks, view.appendedChunks, view.progress], [3, 3, 1]);
    assert.equal(view.fileName, 'kvm.csv');
    assert.equal(view.scope, 'global');
    assert.ok(view.completedAt);
    assert.equal((await check('KVM@6.2.0', 'Windows@2022')).support, 'conditional');
    // started + 3 chunks + completed, each a commit of its own
    assert.equal(await importsInStream(), 5);
  });

  it('re-running a completed import by its id changes nothing', async () => {
    const content = csv('KVM,6.2,RHEL,9.x,supported,', 'KVM,6.2,Ubuntu,22.04,supported,', 'KVM,6.2,Windows,2022,conditional,virtio drivers', 'KVM,7,RHEL,9.x,supported,', 'KVM,7,SLES,15 SP4,unsupported,');
    const again = await bed.bus.request<ImportMatrixResult>(bed.subjects.importMatrix, { scope: 'global', format: 'csv', content, importId: 'kvm-1' }, bed.meta());
    assert.deepEqual(again, { importId: 'kvm-1', status: 'completed', totalEntries: 5 });
    assert.equal(await importsInStream(), 5);
  });

  it('refuses another file under an id already used', async () => {
    await assert.rejects(
      bed.bus.request(bed.subjects.importMatrix, { scope: 'global', format: 'csv', content: csv('A,1,B,1,supported,'), importId: 'kvm-1' }, bed.meta()),
      (err: VorchError) => err.code === 'INTEROP.IMPORT_ID_REUSED' && err.status === 409,
    );
  });

  it('reports every bad row by line and writes nothing', async () => {
    const content = csv('Xen,4.16,Debian,12,supported,', 'Xen,>=,Debian,11,supported,', 'Xen,4.17,Debian,12,perhaps,', 'Xen,4.17,,12,conditional,');
    await assert.rejects(bed.bus.request(bed.subjects.importMatrix, { scope: 'global', format: 'csv', content, importId: 'xen-bad' }, bed.meta()), (err: unknown) => {
      assert.ok(err instanceof VorchError);
      assert.equal(err.code, 'INTEROP.MATRIX_FILE_INVALID');
      assert.equal(err.status, 400);
      const rows = err.details?.rows as Array<{ line: number; field?: string }>;
      assert.deepEqual(rows.map((r) => `${r.line}:${r.field}`), ['3:versionsA', '4:support', '5:productB', '5:note']);
      assert.ok(err.errors?.every((e) => e.field === 'content' && /^line \d/.test(e.message)));
      return true;
    });
    await assert.rejects(bed.bus.request(bed.subjects.getImport, { importId: 'xen-bad' }, bed.meta()), (err: VorchError) => err.status === 404);
    assert.equal((await check('Xen@4.16', 'Debian@12')).support, 'unknown', 'the good row of a bad file is not imported');
  });

  it('reports bad rows of JSON and YAML files by line', async () => {
    const json = '[\n  {"productA": "Xen", "versionsA": "4.16", "productB": "Debian", "versionsB": "12", "support": "supported"},\n  {"productA": "Xen", "versionsA": "4.16", "productB": "Debian", "versionsB": "12", "support": "supported", "extra": 1}\n]';
    await assert.rejects(bed.bus.request(bed.subjects.importMatrix, { scope: 'tenant', format: 'json', content: json }, bed.meta()), (err: VorchError) => {
      assert.deepEqual((err.details?.rows as Array<{ line: number; field?: string }>).map((r) => `${r.line}:${r.field}`), ['3:extra']);
      return true;
    });
    const yaml = 'entries:\n  - productA: Xen\n    versionsA: "4.16"\n    productB: Debian\n    support: supported\n';
    await assert.rejects(bed.bus.request(bed.subjects.importMatrix, { scope: 'tenant', format: 'yaml', content: yaml }, bed.meta()), (err: VorchError) => {
      assert.deepEqual(err.details?.rows, [{ line: 2, field: 'versionsB', message: 'is required' }]);
      return true;
    });
  });

  it('keeps a half-written import out of effect, and resumes it when it is sent again', async () => {
    const content = csv('Hyper-V,2022,Ubuntu,22.04,supported,', 'Hyper-V,2022,RHEL,9.x,supported,', 'Hyper-V,2019,RHEL,9.x,unsupported,');
    // 1. as if the service died after the first chunk: started + chunk 0, written straight to the event store
    const parsed = parseMatrixFile('csv', content);
    assert.ok(parsed.ok);
    const chunks = chunkEntries(parsed.entries, 2);
    const store = bed.service.app.get<EventStore>(INTEROP_EVENT_STORE);
    const writer = new ImportWriter(store, importAggregateId('acme', 'hyperv-1'), { tenantId: 'acme', correlationId: 'crash-test' });
    await writer.load();
    await writer.run(
      {
        type: 'StartImport',
        details: { importId: 'hyperv-1', scopeTenantId: null, requestedBy: 'test', format: 'csv', contentHash: contentHash('csv', content), totalEntries: 3, totalChunks: 2 },
      },
      'start',
    );
    await writer.run({ type: 'AppendImportChunk', importId: 'hyperv-1', chunk: 0, entries: chunks[0]! }, 'chunk-0');
    const halfway = await eventually(async () => {
      const v = await bed.bus.request<MatrixImportView>(bed.subjects.getImport, { importId: 'hyperv-1' }, bed.meta());
      assert.equal(v.appendedChunks, 1);
      return v;
    });
    assert.equal(halfway.status, 'running');
    assert.equal(halfway.progress, 2 / 3);
    assert.equal((await check('Hyper-V@2022', 'Ubuntu@22.04')).support, 'unknown', 'entries of an unfinished import are not in effect');
    // 2. the same import sent again picks up after chunk 0 and completes
    const done = await bed.importAndWait({ scope: 'global', format: 'csv', content, importId: 'hyperv-1' });
    assert.equal(done.appendedEntries, 3);
    assert.equal(done.appendedChunks, 2);
    assert.equal((await check('Hyper-V@2022', 'Ubuntu@22.04')).support, 'supported');
    assert.equal((await check('Hyper-V@2019', 'RHEL@9.2')).support, 'unsupported');
  });

  it('lets a later import restate an entry, which then decides', async () => {
    await bed.importAndWait({ scope: 'global', format: 'csv', content: csv('KVM,6.2,Ubuntu,22.04,unsupported,') });
    const v = await check('KVM@6.2', 'Ubuntu@22.04');
    assert.equal(v.support, 'unsupported');
    assert.deepEqual(v.overridden, [], 'the restated entry replaced the earlier one');
  });

  it('keeps one tenant imports out of another tenant sight', async () => {
    const view = await bed.importAndWait({ scope: 'tenant', format: 'csv', content: csv('OpenStack,2024.1,Ceph,18.x,supported,'), importId: 'own-1' }, 'acme');
    assert.equal(view.scope, 'tenant');
    await assert.rejects(bed.bus.request(bed.subjects.getImport, { importId: 'own-1' }, bed.meta('globex')), (err: VorchError) => err.status === 404);
    assert.equal((await check('OpenStack@2024.1', 'Ceph@18.2', 'globex')).support, 'unknown');
    assert.equal((await check('OpenStack@2024.1', 'Ceph@18.2', 'acme')).support, 'supported');
  });
});
