import { Injectable } from '@nestjs/common';
import { NotFoundError, type CommandMeta, type GetMatrixImportInput, type MatrixImportStatus, type MatrixImportView } from '#vorch/contracts';
import { ReadModelDb } from '../read-model/read-model-db.js';

interface ImportRow {
  import_id: string;
  scope_tenant_id: string | null;
  status: string;
  format: string;
  file_name: string | null;
  total_entries: number;
  appended_entries: number;
  total_chunks: number;
  appended_chunks: number;
  started_at: Date;
  completed_at: Date | null;
}

/** `qry.interop.get-import`: the progress of an import the caller's tenant started. */
@Injectable()
export class GetImportHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: GetMatrixImportInput, meta: CommandMeta): Promise<MatrixImportView> {
    const [r] = await this.db.query<ImportRow>('interop-get-import', 'select * from interop_imports where tenant_id = $1 and import_id = $2', [meta.tenantId, input.importId]);
    if (!r) throw new NotFoundError('import', input.importId);
    const view: MatrixImportView = {
      importId: r.import_id,
      scope: r.scope_tenant_id === null ? 'global' : 'tenant',
      status: r.status as MatrixImportStatus,
      format: r.format,
      totalEntries: r.total_entries,
      appendedEntries: r.appended_entries,
      totalChunks: r.total_chunks,
      appendedChunks: r.appended_chunks,
      progress: r.total_entries ? r.appended_entries / r.total_entries : 1,
      startedAt: new Date(r.started_at).toISOString(),
    };
    if (r.file_name) view.fileName = r.file_name;
    if (r.completed_at) view.completedAt = new Date(r.completed_at).toISOString();
    return view;
  }
}
