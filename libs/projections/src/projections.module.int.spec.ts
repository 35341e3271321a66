import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { newId, projectionAdminSubjects, type ReplicaProjectionsView } from '#vorch/contracts';
import { Bus, MessagingModule } from '#vorch/messaging';
import { eventually } from '#vorch/testing';
import { projectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.js';
import { CountingProjection } from './testing/counting-projection.js';
import { PROJECTIONS_DB, ProjectionRunners, ProjectionsModule } from './projections.module.js';

describe('ProjectionsModule in a Nest application', () => {
  let bed: ProjectionTestBed;
  let app: INestApplicationContext;

  before(async () => {
    bed = await projectionTestBed();
    const { name, stream, filterSubject } = bed.projection;

    @Injectable()
    class AccountTotals extends CountingProjection {
      constructor() {
        super(name, stream, filterSubject);
      }
    }

    @Module({
      imports: [
        MessagingModule.forRoot({ service: 'projections-module-test', natsUrl: bed.t.url }),
        ProjectionsModule.forRoot({ projections: [AccountTotals], databaseUrl: bed.database.url, poolSize: 3, admin: { prefix: bed.t.prefix } }),
      ],
    })
    class AppModule {}

    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    app.enableShutdownHooks();
  });

  after(async () => {
    await bed.cleanup();
  });

  it('starts the runners on bootstrap, exposes the DataSource, and stops them on shutdown', async () => {
    const runners = app.get(ProjectionRunners);
    const db = app.get<DataSource>(PROJECTIONS_DB);
    const last = await bed.events.append('acct', 'a', [{ type: 'Counted', data: { amount: 9 } }]);
    await runners.get(bed.projection.name).waitForSeq(last, 10000);
    const rows = (await db.query(`select aggregate_id, events from ${bed.projection.table}`)) as unknown[];
    assert.deepEqual(rows, [{ aggregate_id: 'a', events: 1 }]);

    // operators reach its projections on the bus, under the service's name
    const status = projectionAdminSubjects(bed.t.prefix).status;
    const meta = { commandId: newId(), tenantId: 'ops', correlationId: newId() };
    const answer = await eventually(async () => {
      const a = await new Bus(bed.t.nc).request<ReplicaProjectionsView>(status, {}, meta);
      assert.equal(a.projections[0]?.state, 'running');
      return a;
    });
    assert.equal(answer.service, 'projections-module-test');
    assert.deepEqual(
      answer.projections.map((p) => [p.name, p.checkpoint]),
      [[bed.projection.name, last]],
    );

    await app.close();
    assert.equal(db.isInitialized, false, 'the read-model pool is closed on shutdown');
    const afterShutdown = await bed.events.append('acct', 'a', [{ type: 'Counted', data: { amount: 1 } }]);
    await new Promise((r) => setTimeout(r, 500));
    const [cp] = (await bed.db.query('select last_seq from projection_checkpoints where name = $1', [bed.projection.name])) as Array<{ last_seq: string }>;
    assert.equal(Number(cp!.last_seq), last, `nothing is applied after shutdown (event ${afterShutdown} waits)`);
  });
});
