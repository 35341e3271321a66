import { ConflictError } from '#vorch/contracts';
import type { Decider } from '#vorch/contracts';
import type { ImportedEntry, MatrixImportEvent, MatrixImportStarted } from './matrix-import.events.js';

export interface StartImport {
  type: 'StartImport';
  details: MatrixImportStarted['data'];
}

export interface AppendImportChunk {
  type: 'AppendImportChunk';
  importId: string;
  chunk: number;
  entries: ImportedEntry[];
}

export interface CompleteImport {
  type: 'CompleteImport';
  importId: string;
}

export type MatrixImportCommand = StartImport | AppendImportChunk | CompleteImport;

/** The import's progress, never its entries: loading it must stay cheap however large the file. */
export type MatrixImportState =
  | { status: 'none' }
  | {
      status: 'running' | 'completed';
      details: MatrixImportStarted['data'];
      chunksAppended: number;
      entriesAppended: number;
    };

const initialState: MatrixImportState = { status: 'none' };

function start(command: StartImport, state: MatrixImportState): MatrixImportEvent[] {
  if (state.status === 'none') return [{ type: 'MatrixImportStarted', data: command.details }];
  // Re-running an import by its id resumes it (or confirms it), but only with the very same file.
  if (state.details.contentHash !== command.details.contentHash || state.details.scopeTenantId !== command.details.scopeTenantId) {
    throw new ConflictError('INTEROP.IMPORT_ID_REUSED', `import ${command.details.importId} was started with another file or scope`, {
      importId: command.details.importId,
    });
  }
  return [];
}

function appendChunk(command: AppendImportChunk, state: MatrixImportState): MatrixImportEvent[] {
  if (state.status === 'none') throw new ConflictError('INTEROP.IMPORT_NOT_STARTED', `import ${command.importId} was not started`);
  // A chunk already appended (a resumed import re-sending it) is a no-op; a gap would lose entries.
  if (command.chunk < state.chunksAppended || state.status === 'completed') return [];
  if (command.chunk > state.chunksAppended) {
    throw new ConflictError('INTEROP.IMPORT_CHUNK_OUT_OF_ORDER', `import ${command.importId} expects chunk ${state.chunksAppended}, got ${command.chunk}`);
  }
  if (state.entriesAppended + command.entries.length > state.details.totalEntries) {
    throw new ConflictError('INTEROP.IMPORT_TOO_MANY_ENTRIES', `import ${command.importId} would exceed its ${state.details.totalEntries} entries`);
  }
  return [{ type: 'MatrixImportChunkAppended', data: { importId: command.importId, chunk: command.chunk, entries: command.entries } }];
}

function complete(command: CompleteImport, state: MatrixImportState): MatrixImportEvent[] {
  if (state.status === 'none') throw new ConflictError('INTEROP.IMPORT_NOT_STARTED', `import ${command.importId} was not started`);
  if (state.status === 'completed') return [];
  if (state.entriesAppended !== state.details.totalEntries) {
    throw new ConflictError('INTEROP.IMPORT_INCOMPLETE', `import ${command.importId} has ${state.entriesAppended} of ${state.details.totalEntries} entries`);
  }
  return [{ type: 'MatrixImportCompleted', data: { importId: command.importId, totalEntries: state.entriesAppended } }];
}

function decide(command: MatrixImportCommand, state: MatrixImportState): MatrixImportEvent[] {
  switch (command.type) {
    case 'StartImport':
      return start(command, state);
    case 'AppendImportChunk':
      return appendChunk(command, state);
    case 'CompleteImport':
      return complete(command, state);
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

function evolve(state: MatrixImportState, event: MatrixImportEvent): MatrixImportState {
  switch (event.type) {
    case 'MatrixImportStarted':
      return { status: 'running', details: event.data, chunksAppended: 0, entriesAppended: 0 };
    case 'MatrixImportChunkAppended':
      if (state.status === 'none') return state;
      return { ...state, chunksAppended: state.chunksAppended + 1, entriesAppended: state.entriesAppended + event.data.entries.length };
    case 'MatrixImportCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed' };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const matrixImportDecider: Decider<MatrixImportCommand, MatrixImportEvent, MatrixImportState> = { initialState: () => initialState, decide, evolve };

/** Splits entries into chunks small enough for one JetStream message each (the server refuses messages over 1 MB). */
export function chunkEntries<T>(entries: readonly T[], chunkSize: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < entries.length; i += chunkSize) chunks.push(entries.slice(i, i + chunkSize));
  return chunks;
}
