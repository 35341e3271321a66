import type { CommandMeta, ImportMatrixInput, ImportMatrixResult, MatrixImportView, RegisterInteropResourceInput, RegisterInteropResourceResult } from '#vorch/contracts';
import { newId } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, testDatabase, testNats, type TestDatabase, type TestNats } from '#vorch/testing';
import { createInteropService, type InteropService } from '../interop-service.js';

/** The service in-process on the shared NATS (under a prefix of its own) and a database of its own, plus a bus client. */
export interface InteropTestBed {
  nats: TestNats;
  db: TestDatabase;
  service: InteropService;
  bus: Bus;
  subjects: InteropService['settings']['subjects'];
  meta(tenantId?: string, commandId?: string): CommandMeta;
  register(input: RegisterInteropResourceInput, tenantId?: string): Promise<RegisterInteropResourceResult>;
  /** Imports and waits for the import to complete. */
  importAndWait(input: ImportMatrixInput, tenantId?: string): Promise<MatrixImportView>;
  close(): Promise<void>;
}

export async function interopTestBed(opts: { importChunkSize?: number } = {}): Promise<InteropTestBed> {
  const nats = await testNats();
  const db = await testDatabase();
  const service = await createInteropService({
    natsUrl: nats.url,
    databaseUrl: db.url,
    streamPrefix: nats.prefix,
    // five connections in all: three for the projection (one holds its leader lock), two for queries
    dbPoolSize: 3,
    queryPoolSize: 2,
    importChunkSize: opts.importChunkSize ?? 2,
  });
  const bus = new Bus(nats.nc);
  const subjects = service.settings.subjects;
  const meta = (tenantId = 'acme', commandId = newId()): CommandMeta => ({ commandId, tenantId, correlationId: commandId, actor: `${tenantId}-key` });
  return {
    nats,
    db,
    service,
    bus,
    subjects,
    meta,
    register: (input, tenantId) => bus.request(subjects.registerResource, input, meta(tenantId)),
    async importAndWait(input, tenantId) {
      const started = await bus.request<ImportMatrixResult>(subjects.importMatrix, input, meta(tenantId));
      return eventually(async () => {
        const view = await bus.request<MatrixImportView>(subjects.getImport, { importId: started.importId }, meta(tenantId));
        if (view.status !== 'completed') throw new Error(`import ${started.importId} is ${view.status}`);
        return view;
      });
    },
    async close() {
      await service.close();
      await nats.cleanup();
      await db.drop();
    },
  };
}
