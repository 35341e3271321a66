import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { NATS_CONNECTION, SERVICE_NAME } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { createDataSource, databaseUrlFromEnv } from './create-data-source.js';
import { ProjectionAdmin, type ProjectionAdminOptions } from './admin/projection-admin.js';

export const PROJECTIONS_DB = Symbol('vorch:projections-db');
const PROJECTION_CLASSES = Symbol('vorch:projection-classes');
const PROJECTION_ADMIN = Symbol('vorch:projection-admin');

/** How the module serves its projections' status and rebuild to operators; `false` serves nothing. */
export type ProjectionsAdminSetting = Omit<ProjectionAdminOptions, 'service' | 'runners'> | false;

const log = createLogger('projections');

/** The runners of this application, by projection name (for read-your-writes: `runners.get(name).waitForSeq(seq)`). */
@Injectable()
export class ProjectionRunners implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly runners = new Map<string, ProjectionRunner>();
  private admin: ProjectionAdmin | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PROJECTIONS_DB) private readonly db: DataSource,
    @Inject(PROJECTION_CLASSES) private readonly classes: Type<Projection>[],
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(PROJECTION_ADMIN) private readonly adminSetting: ProjectionsAdminSetting,
  ) {}

  get(name: string): ProjectionRunner {
    const r = this.runners.get(name);
    if (!r) throw new Error(`no projection named ${name} in this application`);
    return r;
  }

  all(): ProjectionRunner[] {
    return [...this.runners.values()];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const cls of this.classes) {
      const projection = this.moduleRef.get(cls, { strict: false });
      const runner = new ProjectionRunner({ nc: this.nc, db: this.db, projection });
      this.runners.set(runner.name, runner);
      await runner.start();
      log.info({ projection: runner.name }, 'projection started');
    }
    if (this.adminSetting !== false) this.admin = ProjectionAdmin.serve(this.nc, { ...this.adminSetting, service: this.service, runners: this.all() });
  }

  // Runners stop before shutdown hooks run, because MessagingModule drains the NATS connection in its own.
  async beforeApplicationShutdown(): Promise<void> {
    await this.admin?.stop();
    await Promise.all(this.all().map((r) => r.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/**
 * Runs projections inside a Nest application: started on bootstrap, stopped on shutdown. Needs
 * MessagingModule.forRoot (for the NATS connection and the service's name); the read-model DataSource is the
 * provider PROJECTIONS_DB. Operators see and rebuild the projections over the bus (ProjectionAdmin) unless
 * `admin: false`.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(opts: { projections: Type<Projection>[]; databaseUrl?: string; poolSize?: number; admin?: ProjectionsAdminSetting }): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        ...opts.projections,
        { provide: PROJECTION_CLASSES, useValue: opts.projections },
        { provide: PROJECTION_ADMIN, useValue: opts.admin ?? {} },
        {
          provide: PROJECTIONS_DB,
          useFactory: () => createDataSource(opts.databaseUrl ?? databaseUrlFromEnv(), { poolSize: opts.poolSize }),
        },
        ProjectionRunners,
      ],
      exports: [PROJECTIONS_DB, ProjectionRunners],
    };
  }
}
