import type { DataSource } from 'typeorm';
import { metricsRegistry } from '#vorch/telemetry';
import { testDatabase, testNats, type TestDatabase, type TestNats } from '#vorch/testing';
import { createDataSource } from '../create-data-source.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { ProjectionRunnerOptions } from '../projection.js';
import { CountingProjection } from './counting-projection.js';
import { EventStreamFixture } from './event-stream-fixture.js';

/** Everything a projection integration test needs, on the shared NATS and PostgreSQL, isolated by prefix. */
export interface ProjectionTestBed {
  t: TestNats;
  database: TestDatabase;
  db: DataSource;
  events: EventStreamFixture;
  projection: CountingProjection;
  runner(opts?: Partial<Omit<ProjectionRunnerOptions, 'nc' | 'db'>>): ProjectionRunner;
  cleanup(): Promise<void>;
}

export async function projectionTestBed(): Promise<ProjectionTestBed> {
  const t = await testNats();
  const database = await testDatabase();
  const db = await createDataSource(database.url, { poolSize: 4, name: 'projection-test' });
  const events = await EventStreamFixture.create(t.nc, `${t.prefix}_EVT`, `${t.prefix}.evt`);
  const projection = new CountingProjection(`${t.prefix}_counts`, events.stream, `${events.subjectPrefix}.>`);
  const runners: ProjectionRunner[] = [];
  return {
    t,
    database,
    db,
    events,
    projection,
    runner(opts = {}) {
      const r = new ProjectionRunner({ nc: t.nc, db, projection, ...opts });
      runners.push(r);
      return r;
    },
    async cleanup() {
      for (const r of runners) await r.stop().catch(() => {});
      await db.destroy();
      await database.drop();
      await t.cleanup();
    },
  };
}

/** The current value of a projection metric series (0 when it was never set). */
export async function metricValue(metric: string, projection: string): Promise<number> {
  const m = metricsRegistry.getSingleMetric(metric);
  if (!m) return 0;
  const data = await m.get();
  return data.values.find((v) => v.labels.projection === projection && !('le' in v.labels))?.value ?? 0;
}
