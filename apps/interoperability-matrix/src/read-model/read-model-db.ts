import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { NotFoundError } from '#vorch/contracts';
import { RESOURCE_COLUMNS, type ResourceRow } from './resource-row.js';

export const READ_MODEL_DB_OPTIONS = Symbol('vorch:interop-read-model-db');

export interface ReadModelDbOptions {
  databaseUrl: string;
  poolSize: number;
}

/**
 * Queries against the read model. Its own small pg pool rather than the projections' TypeORM DataSource, for one
 * reason: named prepared statements with generic plans. The queries are few and fixed, and planning a three-table
 * join cost more than running it (≈5 ms against ≈1 ms), which is most of the latency budget of a query.
 * A tenant sees its own rows only: another tenant's resource is "not found".
 */
@Injectable()
export class ReadModelDb implements OnApplicationShutdown {
  private readonly pool: pg.Pool;

  constructor(@Inject(READ_MODEL_DB_OPTIONS) opts: ReadModelDbOptions) {
    this.pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize,
      application_name: 'vorch-interop-queries',
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle connection dropped by the server must not take the process down; the pool replaces it.
    this.pool.on('error', () => {});
  }

  /** `name` identifies the prepared statement: one name per SQL text. */
  async query<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query({ name, text, values })).rows as T[];
  }

  async tenantResource(tenantId: string, resourceId: string): Promise<ResourceRow> {
    const [row] = await this.query<ResourceRow>(
      'interop-tenant-resource',
      `select ${RESOURCE_COLUMNS} from interop_resources where resource_id = $1 and tenant_id = $2`,
      [resourceId, tenantId],
    );
    if (!row) throw new NotFoundError('resource', resourceId);
    return row;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
