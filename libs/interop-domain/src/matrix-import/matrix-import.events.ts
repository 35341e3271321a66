import type { MatrixEntry } from '../matrix-entry.js';
import type { MatrixFileFormat } from '#vorch/contracts';

/** An entry as it travels in an import chunk: the normalized entry and the line of the file it came from. */
export type ImportedEntry = MatrixEntry & { line: number };

export interface MatrixImportStarted {
  type: 'MatrixImportStarted';
  data: {
    importId: string;
    /** null: global entries (platform admin); else the tenant whose own entries these are. */
    scopeTenantId: string | null;
    requestedBy: string;
    format: MatrixFileFormat;
    fileName?: string;
    /** Hash of the file: re-running the import with the same id must bring the same file. */
    contentHash: string;
    totalEntries: number;
    totalChunks: number;
  };
}

/** One slice of the file's entries; entries are not in effect until the import completes. */
export interface MatrixImportChunkAppended {
  type: 'MatrixImportChunkAppended';
  data: { importId: string; chunk: number; entries: ImportedEntry[] };
}

export interface MatrixImportCompleted {
  type: 'MatrixImportCompleted';
  data: { importId: string; totalEntries: number };
}

export type MatrixImportEvent = MatrixImportStarted | MatrixImportChunkAppended | MatrixImportCompleted;
