import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { newId, projectionAdminSubjects, VorchError, type CommandMeta, type ProjectionStatusView, type ReplicaProjectionsView } from '#vorch/contracts';
import { Bus, decodeJson, encodeJson, type Reply } from '#vorch/messaging';
import { eventually } from '#vorch/testing';
import { projectionTestBed, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { CountingProjection } from '../testing/counting-projection.js';
import { createDataSource } from '../create-data-source.js';
import { ProjectionRunner } from '../projection-runner.js';
import { ProjectionAdmin } from './projection-admin.js';

/** Two replicas of one service, each with its own pool, runner and admin, on the shared NATS and PostgreSQL. */
describe('ProjectionAdmin (status and rebuild over the bus, real NATS + PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let dbB: DataSource;
  let runnerA: ProjectionRunner;
  let runnerB: ProjectionRunner;
  let adminA: ProjectionAdmin;
  let adminB: ProjectionAdmin;
  let bus: Bus;
  let subjects: ReturnType<typeof projectionAdminSubjects>;

  const meta = (): CommandMeta => ({ commandId: newId(), tenantId: 'ops', correlationId: newId() });
  const commits = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ aggregateType: 'acct', aggregateId: `a${i % 5}`, events: [{ type: 'Counted', data: { amount: i } }] }));

  /** Both replicas' answers to the scatter, by replica. */
  async function scatter(): Promise<Map<string, ProjectionStatusView>> {
    const replies = await bed.t.nc.requestMany(subjects.status, encodeJson({ meta: meta(), payload: {} }), { strategy: 'count', maxMessages: 2, maxWait: 10000 });
    const byReplica = new Map<string, ProjectionStatusView>();
    for await (const msg of replies) {
      const reply = decodeJson<Reply<ReplicaProjectionsView>>(msg.data);
      assert.ok('ok' in reply, JSON.stringify(reply));
      assert.equal(reply.ok.service, 'ledger');
      assert.equal(reply.ok.projections.length, 1);
      byReplica.set(reply.ok.replica, reply.ok.projections[0]!);
    }
    assert.equal(byReplica.size, 2, 'every replica answers');
    return byReplica;
  }

  const rebuild = (name = bed.projection.name, payloadName = name) => bus.request<ProjectionStatusView>(subjects.rebuild(name), { name: payloadName }, meta());

  async function rejection(p: Promise<unknown>): Promise<VorchError> {
    const err = await p.then(
      () => assert.fail('expected a typed error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof VorchError, String(err));
    return err;
  }

  beforeEach(async () => {
    bed = await projectionTestBed();
    subjects = projectionAdminSubjects(bed.t.prefix);
    bus = new Bus(bed.t.nc);
    dbB = await createDataSource(bed.database.url, { poolSize: 4, name: 'projection-admin-replica-b' });
    const opts = { batchSize: 25, maxAttempts: 2, retryDelayMs: 20 };
    runnerA = bed.runner(opts);
    const p = bed.projection;
    runnerB = new ProjectionRunner({ nc: bed.t.nc, db: dbB, projection: new CountingProjection(p.name, p.stream, p.filterSubject), ...opts });
    adminA = ProjectionAdmin.serve(bed.t.nc, { service: 'ledger', runners: [runnerA], prefix: bed.t.prefix, leaderCheckMs: 100 });
    adminB = ProjectionAdmin.serve(bed.t.nc, { service: 'ledger', runners: [runnerB], prefix: bed.t.prefix, leaderCheckMs: 100 });
    await runnerA.start();
    await eventually(() => assert.ok(runnerA.leads));
    await runnerB.start();
  });

  afterEach(async () => {
    bed.projection.gate = undefined;
    bed.projection.failWhen = undefined;
    await adminA.stop();
    await adminB.stop();
    await runnerB.stop().catch(() => {});
    await dbB.destroy();
    await bed.cleanup();
  });

  it('shows each replica as leader or standby with the checkpoint and lag; rebuilds on the leader with progress, 409 while it runs', async () => {
    const last = await bed.events.appendMany(commits(300));
    await runnerA.waitForSeq(last, 30000);
    const before = await bed.projection.rows(bed.db);

    // 1. status: one replica leads, the other stands by; both read the same checkpoint
    await eventually(async () => {
      const status = await scatter();
      assert.deepEqual(
        { ...status.get(adminA.replica)!, replica: 'A' },
        { name: bed.projection.name, service: 'ledger', replica: 'A', state: 'running', checkpoint: last, lagEvents: 0 },
      );
      assert.equal(status.get(adminB.replica)!.state, 'standby');
      assert.equal(status.get(adminB.replica)!.checkpoint, last);
    });

    // 2. a rebuild is accepted at once by the leader; the gate holds the replay so it is surely still running
    let open!: () => void;
    bed.projection.gate = new Promise<void>((r) => (open = r));
    const accepted = await rebuild();
    assert.equal(accepted.replica, adminA.replica, 'the leader took it');
    assert.equal(accepted.state, 'rebuilding');
    assert.equal(accepted.rebuild?.applied, 0);
    assert.ok(accepted.rebuild?.startedAt);

    const again = await rejection(rebuild());
    assert.equal(again.code, 'PROJECTION.REBUILD_RUNNING');
    assert.equal(again.status, 409);
    const mismatch = await rejection(rebuild(bed.projection.name, 'someone-else'));
    assert.equal(mismatch.code, 'PROJECTION.NOT_FOUND');
    assert.equal(mismatch.status, 404);
    const invalid = await rejection(rebuild(bed.projection.name, 'bad.name'));
    assert.equal(invalid.code, 'VALIDATION');

    // 3. the status shows the rebuild and its total while the replay is held
    await eventually(async () => {
      const a = (await scatter()).get(adminA.replica)!;
      assert.equal(a.state, 'rebuilding');
      assert.equal(a.rebuild?.total, 300);
      assert.equal(a.rebuild?.applied, 0);
    });

    // 4. released, it reaches the total, ends as completed and the read model is what it was
    open();
    const done = await eventually(async () => {
      const a = (await scatter()).get(adminA.replica)!;
      assert.equal(a.lastRebuild?.outcome, 'completed', JSON.stringify(a));
      return a;
    });
    assert.equal(done.state, 'running');
    assert.equal(done.rebuild, undefined);
    assert.deepEqual({ applied: done.lastRebuild!.applied, total: done.lastRebuild!.total }, { applied: 300, total: 300 });
    assert.ok(done.lastRebuild!.finishedAt >= done.lastRebuild!.startedAt);
    assert.equal(done.checkpoint, last);
    assert.deepEqual(await bed.projection.rows(bed.db), before);

    // 5. still running afterwards
    const more = await bed.events.append('acct', 'a0', [{ type: 'Counted', data: { amount: 1 } }]);
    await runnerA.waitForSeq(more, 10000);
  });

  it('keeps the last rebuild in PostgreSQL: a replica that did not run it, or one started afterwards, shows it too', async () => {
    const last = await bed.events.appendMany(commits(20));
    await runnerA.waitForSeq(last, 30000);
    assert.equal((await adminB.statusOf(runnerB)).lastRebuild, undefined, 'no rebuild yet');
    const accepted = await rebuild();
    assert.equal(accepted.replica, adminA.replica);
    const seen = await eventually(async () => {
      const b = await adminB.statusOf(runnerB);
      assert.equal(b.lastRebuild?.outcome, 'completed', JSON.stringify(b));
      return b.lastRebuild!;
    });
    assert.deepEqual({ applied: seen.applied, total: seen.total }, { applied: 20, total: 20 });
    // a restarted replica's admin remembers nothing of its own: what it shows comes from the table
    const restarted = ProjectionAdmin.serve(bed.t.nc, { service: 'ledger', runners: [runnerB], prefix: `${bed.t.prefix}-restarted`, leaderCheckMs: 100 });
    try {
      assert.deepEqual((await restarted.statusOf(runnerB)).lastRebuild, seen);
    } finally {
      await restarted.stop();
    }
  });

  it('never hands a rebuild to a standby; the replica that takes over the lead serves it', async () => {
    const last = await bed.events.appendMany(commits(60));
    await runnerA.waitForSeq(last, 30000);

    // with the leader's admin gone, nobody answers: the standby does not listen (and so never says "not leader")
    await adminA.stop();
    const unanswered = await rejection(rebuild());
    assert.equal(unanswered.code, 'UNAVAILABLE');
    assert.equal(runnerA.leads, true);

    // the leader stops; the standby takes the lock and, with it, the rebuild subject
    await runnerA.stop();
    await eventually(() => assert.ok(runnerB.leads), { timeoutMs: 30000 });
    const accepted = await eventually(() => rebuild(), { timeoutMs: 10000 });
    assert.equal(accepted.replica, adminB.replica);
    const done = await eventually(async () => {
      const b = await adminB.statusOf(runnerB);
      assert.equal(b.lastRebuild?.outcome, 'completed');
      return b;
    });
    assert.deepEqual({ applied: done.lastRebuild!.applied, total: done.lastRebuild!.total }, { applied: 60, total: 60 });
    assert.equal(await runnerB.checkpoint(), last);
  });

  it('shows a projection stopped on a failing event with its sequence and error; a rebuild gets it running again', async () => {
    const first = await bed.events.appendMany(commits(10));
    await runnerA.waitForSeq(first, 30000);
    // a read-model problem the events themselves do not have (say a bad row): the next event cannot be applied
    bed.projection.failWhen = (e) => (e.data as { amount: number }).amount === 999;
    const poison = await bed.events.append('acct', 'a1', [{ type: 'Counted', data: { amount: 999 } }]);
    const stopped = await eventually(async () => {
      const a = await adminA.statusOf(runnerA);
      assert.equal(a.state, 'stopped');
      return a;
    });
    assert.equal(stopped.failure?.seq, poison);
    assert.match(stopped.failure?.error ?? '', /refusing Counted/);
    assert.equal(stopped.failure?.attempts, 2);
    assert.equal(stopped.checkpoint, first);
    assert.ok(stopped.lagEvents >= 1);

    bed.projection.failWhen = undefined;
    const accepted = await rebuild();
    assert.equal(accepted.state, 'rebuilding');
    const done = await eventually(async () => {
      const a = await adminA.statusOf(runnerA);
      assert.equal(a.lastRebuild?.outcome, 'completed');
      return a;
    });
    assert.equal(done.state, 'running');
    assert.equal(done.failure, undefined);
    assert.equal(done.checkpoint, poison);
    const more = await bed.events.append('acct', 'a0', [{ type: 'Counted', data: { amount: 1 } }]);
    await runnerA.waitForSeq(more, 10000);
  });
});
