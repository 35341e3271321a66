import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '#vorch/messaging';
import { ProjectionsModule } from '#vorch/projections';
import { ImportMatrixHandler } from './commands/import-matrix.handler.js';
import { RegisterResource } from './commands/register-resource.js';
import { RegisterResourceHandler } from './commands/register-resource.handler.js';
import { CommitPositions } from './commit-positions.js';
import { DiscoveryConsumer } from './discovery/discovery-consumer.js';
import { eventStoreProvider } from './event-store.provider.js';
import { InteropBusRoutes } from './interop-bus-routes.js';
import { INTEROP_SETTINGS, type InteropSettings } from './interop-settings.js';
import { InteropProjection } from './projection/interop.projection.js';
import { CheckHandler } from './queries/check.handler.js';
import { CompatibleHandler } from './queries/compatible.handler.js';
import { GetImportHandler } from './queries/get-import.handler.js';
import { GetResourceHandler } from './queries/get-resource.handler.js';
import { InteroperatesWithHandler } from './queries/interoperates-with.handler.js';
import { ResourceMatrixHandler } from './queries/resource-matrix.handler.js';
import { READ_MODEL_DB_OPTIONS, ReadModelDb } from './read-model/read-model-db.js';
import { ReadYourWrites } from './read-your-writes.js';

export interface InteropModuleOptions {
  natsUrl: string;
  databaseUrl: string;
  settings: InteropSettings;
  /** Connections of the projections' pool (one of them holds the projection's leader lock). */
  dbPoolSize?: number;
  /** Connections of the query pool. */
  queryPoolSize?: number;
}

@Module({})
export class InteropSettingsModule {
  static forRoot(settings: InteropSettings): DynamicModule {
    return { module: InteropSettingsModule, global: true, providers: [{ provide: INTEROP_SETTINGS, useValue: settings }], exports: [INTEROP_SETTINGS] };
  }
}

/** The interoperability-matrix service: bus routes, the discovery consumer, the event store and the read model. */
@Module({})
export class InteropModule {
  static forRoot(opts: InteropModuleOptions): DynamicModule {
    return {
      module: InteropModule,
      imports: [
        InteropSettingsModule.forRoot(opts.settings),
        MessagingModule.forRoot({ service: 'interoperability-matrix', natsUrl: opts.natsUrl }),
        // admin: operators' status and rebuild over the bus, apart per test instance like every other subject
        ProjectionsModule.forRoot({ projections: [InteropProjection], databaseUrl: opts.databaseUrl, poolSize: opts.dbPoolSize, admin: { prefix: opts.settings.prefix } }),
      ],
      providers: [
        eventStoreProvider,
        CommitPositions,
        ReadYourWrites,
        { provide: READ_MODEL_DB_OPTIONS, useValue: { databaseUrl: opts.databaseUrl, poolSize: opts.queryPoolSize ?? 4 } },
        ReadModelDb,
        RegisterResource,
        RegisterResourceHandler,
        ImportMatrixHandler,
        GetImportHandler,
        GetResourceHandler,
        CompatibleHandler,
        CheckHandler,
        InteroperatesWithHandler,
        ResourceMatrixHandler,
        InteropBusRoutes,
        DiscoveryConsumer,
      ],
    };
  }
}
