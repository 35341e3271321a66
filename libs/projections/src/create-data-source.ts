import { DataSource } from 'typeorm';

/**
 * An initialised TypeORM DataSource for read models. Projections use raw SQL through the EntityManager, so no
 * entities are registered and nothing is synchronised: each projection owns its DDL in setup().
 */
export async function createDataSource(url: string, opts: { poolSize?: number; name?: string } = {}): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.name ?? 'vorch-projections',
    synchronize: false,
    logging: false,
  });
  return ds.initialize();
}

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vorch';
}
