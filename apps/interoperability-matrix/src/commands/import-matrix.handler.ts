import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { CommandMeta, ImportMatrixInput, ImportMatrixResult } from '#vorch/contracts';
import type { EventStore } from '#vorch/eventstore';
import { chunkEntries, parseMatrixFile, type ImportedEntry } from '#vorch/interop-domain';
import { createLogger } from '#vorch/telemetry';
import { contentHash, importAggregateId, importIdFor } from '../aggregate-ids.js';
import { INTEROP_EVENT_STORE } from '../event-store.provider.js';
import { INTEROP_SETTINGS, type InteropSettings } from '../interop-settings.js';
import { importChunksTotal, importsTotal } from '../interop-metrics.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { ImportWriter } from './import-writer.js';
import { MatrixFileInvalidError } from './matrix-file-invalid.error.js';

const log = createLogger('interop-import');

/**
 * `cmd.interop.import-matrix`: 1. parse and validate the whole file (every bad row reported, nothing written);
 * 2. start the import aggregate; 3. append the entries in chunks, in the background, progress readable through
 * `qry.interop.get-import`; 4. complete it, which is when the read model puts the entries in effect, all at once.
 * Sending the same import again (same id, same file) resumes it where it stopped, or confirms it is done.
 */
@Injectable()
export class ImportMatrixHandler implements BeforeApplicationShutdown {
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(INTEROP_EVENT_STORE) private readonly store: EventStore,
    @Inject(INTEROP_SETTINGS) private readonly settings: InteropSettings,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async handle(input: ImportMatrixInput, meta: CommandMeta): Promise<ImportMatrixResult> {
    const importId = input.importId ?? importIdFor(meta.commandId);
    // 1. the whole file first: a file with one bad row is refused entirely
    const parsed = parseMatrixFile(input.format, input.content);
    if (!parsed.ok) {
      importsTotal.inc({ outcome: 'refused' });
      throw new MatrixFileInvalidError(parsed.errors, parsed.totalErrors);
    }
    const entries: ImportedEntry[] = parsed.entries;
    const chunks = chunkEntries(entries, this.settings.importChunkSize);
    // 2. start (or find) the import
    const aggregateId = importAggregateId(meta.tenantId, importId);
    const writer = new ImportWriter(this.store, aggregateId, { tenantId: meta.tenantId, correlationId: meta.correlationId, causationId: meta.commandId, actor: meta.actor });
    await writer.load();
    await writer.run(
      {
        type: 'StartImport',
        details: {
          importId,
          scopeTenantId: input.scope === 'global' ? null : meta.tenantId,
          requestedBy: meta.actor ?? meta.tenantId,
          format: input.format,
          ...(input.fileName ? { fileName: input.fileName } : {}),
          contentHash: contentHash(input.format, input.content),
          totalEntries: entries.length,
          totalChunks: chunks.length,
        },
      },
      'start',
    );
    const state = writer.current;
    if (state.status === 'completed') return { importId, status: 'completed', totalEntries: entries.length };
    await this.readYourWrites.waitFor(writer.lastSeq);
    // 3.–4. in the background; a second request for an import already running here joins nothing and returns
    if (!this.running.has(aggregateId)) {
      const job = this.appendChunks(writer, importId, chunks).finally(() => this.running.delete(aggregateId));
      this.running.set(aggregateId, job);
    }
    return { importId, status: 'running', totalEntries: entries.length };
  }

  private async appendChunks(writer: ImportWriter, importId: string, chunks: ImportedEntry[][]): Promise<void> {
    const started = Date.now();
    try {
      for (let i = 0; i < chunks.length; i++) {
        if (this.stopping) {
          log.warn({ importId, chunk: i, of: chunks.length }, 'import interrupted by shutdown; send it again to resume');
          return;
        }
        await writer.run({ type: 'AppendImportChunk', importId, chunk: i, entries: chunks[i]! }, `chunk-${i}`);
        importChunksTotal.inc();
        if (i % 20 === 19 || i === chunks.length - 1) log.info({ importId, chunk: i + 1, of: chunks.length }, 'import progress');
      }
      await writer.run({ type: 'CompleteImport', importId }, 'complete');
      importsTotal.inc({ outcome: 'completed' });
      log.info({ importId, chunks: chunks.length, ms: Date.now() - started }, 'import completed');
    } catch (err) {
      importsTotal.inc({ outcome: 'failed' });
      log.error({ err, importId }, 'import failed; send it again to resume');
    }
  }

  /** Lets a test or a benchmark wait for the background part of an import started by this instance. */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  // Before shutdown hooks, because MessagingModule drains the NATS connection in its own.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.settled();
  }
}
