import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ImportMatrixHandler } from './commands/import-matrix.handler.js';
import { InteropModule } from './interop.module.js';
import { interopSettings, type InteropSettings } from './interop-settings.js';

export interface InteropServiceOptions {
  natsUrl: string;
  databaseUrl: string;
  /** Prefixes every stream, consumer and subject name, so test runs on one NATS server never meet. */
  streamPrefix?: string;
  /** Connections of the projections' pool (default 10) and of the query pool (default 4). */
  dbPoolSize?: number;
  queryPoolSize?: number;
  /** Entries per import chunk (default 500); tests shrink it to see several chunks. */
  importChunkSize?: number;
}

export interface InteropService {
  app: INestApplicationContext;
  settings: InteropSettings;
  /** Resolves once imports this instance is appending in the background have finished. */
  importsSettled(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the service in this process (main.ts, tests, benchmarks). */
export async function createInteropService(opts: InteropServiceOptions): Promise<InteropService> {
  const settings = interopSettings(opts.streamPrefix ?? '', { importChunkSize: opts.importChunkSize });
  const app = await NestFactory.createApplicationContext(
    InteropModule.forRoot({ natsUrl: opts.natsUrl, databaseUrl: opts.databaseUrl, settings, dbPoolSize: opts.dbPoolSize, queryPoolSize: opts.queryPoolSize }),
    { logger: false },
  );
  await app.init();
  const imports = app.get(ImportMatrixHandler);
  return {
    app,
    settings,
    importsSettled: () => imports.settled(),
    close: () => app.close(),
  };
}
