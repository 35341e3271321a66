import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { NotFoundError, ValidationError, type CommandMeta, type NetworkView } from '#vorch/contracts';
import { EventStore, handleCommand, deciderReducer } from '#vorch/eventstore';
import { createDataSource, ProjectionRunner } from '#vorch/projections';
import { createStitchingDecider, networkPortsDecider, type NetworkPortsCommand, type PortRecord, type StitchingCommand } from '#vorch/stitching-domain';
import { metricsRegistry } from '#vorch/telemetry';
import { testDatabase, testNats, type TestDatabase, type TestNats } from '#vorch/testing';
import { networkView } from '../stitching/network-view.js';
import { NetworkQueries } from './network-queries.js';
import { NetworksProjection } from './networks.projection.js';

const decider = createStitchingDecider();
const NOW = '2026-11-25T12:00:00.000Z';

describe('the networks read model (EVT_STITCHING → PostgreSQL, real NATS and PostgreSQL)', () => {
  let t: TestNats;
  let database: TestDatabase;
  let db: DataSource;
  let store: EventStore;
  let runner: ProjectionRunner;
  let queries: NetworkQueries;
  let commands = 0;
  // ULIDs sort by creation time: blue, green, red in this order
  const [blue, green, red] = [ulid(), ulid(), ulid()].sort();
  const [siteA, siteB, siteC] = ['SITEA', 'SITEB', 'SITEC'];

  const meta = (tenantId = 'acme'): CommandMeta => ({ commandId: `c-${++commands}-${ulid()}`, tenantId, correlationId: 'corr' });

  /** Records a command on a network and waits until the read model has it. */
  async function network(id: string, command: StitchingCommand, tenantId = 'acme'): Promise<number> {
    const r = await handleCommand(store, decider, { aggregateType: 'network', aggregateId: id, command, meta: meta(tenantId) });
    await runner.waitForSeq(r.seq, 10000);
    return r.seq;
  }
  async function ports(id: string, command: NetworkPortsCommand): Promise<void> {
    const r = await handleCommand(store, networkPortsDecider, { aggregateType: 'network-ports', aggregateId: id, command, meta: meta() });
    await runner.waitForSeq(r.seq, 10000);
  }
  const create = (id: string, name: string, homeSite: string, stretchTo: string[], cidr: string, tenantId = 'acme') =>
    network(id, { type: 'CreateStitchedNetwork', networkId: id, name, homeSite, stretchTo, subnets: [{ cidr }], mtu: 1450, segmentation: { type: 'vxlan', id: 10000 + commands } }, tenantId);
  async function activate(id: string, sites: string[], tenantId = 'acme'): Promise<void> {
    for (const site of sites) {
      await network(id, { type: 'RecordSiteValidated', site }, tenantId);
      await network(id, { type: 'RecordSiteNetworkCreated', site, vimNetworkId: `${site}-${id}` }, tenantId);
    }
  }
  /** What the write side says, in the query's shape: the read model must agree with the domain's own fold. */
  async function writeSide(id: string): Promise<NetworkView> {
    const { state } = await store.load('network', id, deciderReducer(decider));
    if (state.status === 'absent') throw new Error(`no network ${id}`);
    return networkView(state);
  }
  const withoutReadFields = ({ seq: _s, createdAt: _c, updatedAt: _u, ...view }: NetworkView) => view;
  const port = (portId: string, site: string): PortRecord => ({ portId, name: `vm-${portId.slice(-4).toLowerCase()}`, site, vimPortId: `v-${portId}`, homeVimPortId: `h-${portId}`, mac: 'fa:16:3e:00:00:01', ips: ['10.1.0.5'] });

  before(async () => {
    t = await testNats();
    database = await testDatabase();
    db = await createDataSource(database.url, { poolSize: 4, name: 'networks-read-model-test' });
    const stream = `${t.prefix.toUpperCase()}_STITCHING`;
    store = await EventStore.open(t.nc, { stream, subjectPrefix: `${t.prefix}.stitching`, snapshotBucket: `${t.prefix}_snap`, snapshotEvery: 100 });
    runner = new ProjectionRunner({ nc: t.nc, db, projection: new NetworksProjection({ name: `${t.prefix}_networks`, stream, filterSubject: `${t.prefix}.stitching.>` }), batchSize: 50 });
    await runner.start();
    queries = new NetworkQueries(db);
  });

  after(async () => {
    await runner?.stop();
    await db?.destroy();
    await database?.drop();
    const jsm = await jetstreamManager(t.nc);
    await jsm.streams.delete(`KV_${t.prefix}_snap`).catch(() => undefined);
    await t?.cleanup();
  });

  it('given a network stretched to three sites, then its row and its sites follow the stitching to active', async () => {
    await create(blue, 'blue', siteA, [siteB, siteC], '10.1.0.0/24');
    const pending = await queries.get('acme', blue);
    assert.equal(pending.state, 'pending');
    assert.deepEqual(pending.sites.map((s) => [s.site, s.role, s.state]), [[siteA, 'home', 'validating'], [siteB, 'peer', 'validating'], [siteC, 'peer', 'validating']]);
    await activate(blue, [siteA, siteB, siteC]);
    const active = await queries.get('acme', blue);
    assert.equal(active.state, 'active');
    assert.deepEqual(active.sites.map((s) => s.vimNetworkId), [`${siteA}-${blue}`, `${siteB}-${blue}`, `${siteC}-${blue}`]);
    assert.deepEqual(withoutReadFields(active), await writeSide(blue));
    assert.ok(active.seq! > 0 && active.createdAt! <= active.updatedAt!);
    const [row] = await db.query('select cidrs, gateways, mtu, segmentation_type from networks where id = $1', [blue]);
    assert.deepEqual(row, { cidrs: ['10.1.0.0/24'], gateways: ['10.1.0.1'], mtu: 1450, segmentation_type: 'vxlan' });
    // the library's gauges carry this projection's name (lag, checkpoint, stopped)
    const checkpoint = (await metricsRegistry.getSingleMetric('vorch_projection_checkpoint')!.get()).values.find((v) => v.labels.projection === `${t.prefix}_networks`);
    assert.equal(checkpoint?.value, await runner.checkpoint());
  });

  it('given a site that stops answering, then it shows degraded with its retry, and active again once repaired', async () => {
    await network(blue, { type: 'RecordSiteUnreachable', site: siteB, error: 'connect ECONNREFUSED', now: NOW });
    const degraded = await queries.get('acme', blue);
    assert.equal(degraded.state, 'degraded');
    const b = degraded.sites.find((s) => s.site === siteB)!;
    assert.equal(b.state, 'degraded');
    assert.equal(b.degradedReason, 'unreachable');
    assert.equal(b.retry?.attempt, 1);
    assert.equal(b.retry?.lastError, 'connect ECONNREFUSED');
    assert.ok(Date.parse(b.retry!.nextAttemptAt) > Date.parse(NOW));
    assert.deepEqual(withoutReadFields(degraded), await writeSide(blue));
    assert.deepEqual((await queries.list('acme', { state: 'degraded' })).items.map((n) => n.id), [blue]);

    await network(blue, { type: 'RecordSiteRepaired', site: siteB, vimNetworkId: `${siteB}-again` });
    const repaired = await queries.get('acme', blue);
    assert.equal(repaired.state, 'active');
    assert.deepEqual(repaired.sites.find((s) => s.site === siteB), { site: siteB, role: 'peer', state: 'active', vimNetworkId: `${siteB}-again`, degradedReason: null, failure: null, retry: null });
    assert.deepEqual(withoutReadFields(repaired), await writeSide(blue));
  });

  it('given ports created and one deleted, then the network lists the live ones', async () => {
    const [p1, p2, p3] = [ulid(), ulid(), ulid()].sort();
    await ports(blue, { type: 'RecordPortCreated', port: port(p1, siteA) });
    await ports(blue, { type: 'RecordPortCreated', port: port(p2, siteC) });
    await ports(blue, { type: 'RecordPortCreated', port: port(p3, siteB) });
    await ports(blue, { type: 'RecordPortDeleted', portId: p1 });
    const listed = await queries.listPorts('acme', blue, {});
    assert.deepEqual(listed.items.map((p) => [p.id, p.site]), [[p2, siteC], [p3, siteB]]);
    assert.deepEqual(listed.items[0], { id: p2, networkId: blue, name: port(p2, siteC).name, site: siteC, mac: 'fa:16:3e:00:00:01', ips: ['10.1.0.5'], homeVimPortId: `h-${p2}`, vimPortId: `v-${p2}` });
    const first = await queries.listPorts('acme', blue, { limit: 1 });
    assert.deepEqual(first.items.map((p) => p.id), [p2]);
    assert.deepEqual((await queries.listPorts('acme', blue, { limit: 1, cursor: first.next! })).items.map((p) => p.id), [p3]);
    await assert.rejects(queries.listPorts('globex', blue, {}), NotFoundError);
  });

  it('filters by name, home site, site and state, pages by id, and keeps tenants apart', async () => {
    await create(green, 'green', siteB, [siteA], '10.2.0.0/24');
    await create(red, 'red', siteC, [], '10.3.0.0/24', 'globex');
    const ids = async (q: Parameters<NetworkQueries['list']>[1], tenant = 'acme') => (await queries.list(tenant, q)).items.map((n) => n.id);
    assert.deepEqual(await ids({}), [blue, green]);
    assert.deepEqual(await ids({ name: 'green' }), [green]);
    assert.deepEqual(await ids({ homeSite: siteA }), [blue]);
    assert.deepEqual(await ids({ site: siteA }), [blue, green]);
    assert.deepEqual(await ids({ site: siteC }), [blue], 'red is on siteC but belongs to globex');
    assert.deepEqual(await ids({ state: 'pending' }), [green]);
    assert.deepEqual(await ids({}, 'globex'), [red]);
    await assert.rejects(queries.get('globex', blue), NotFoundError);
    await assert.rejects(queries.get('acme', red), NotFoundError);

    const page1 = await queries.list('acme', { limit: 1 });
    assert.deepEqual(page1.items.map((n) => n.id), [blue]);
    const page2 = await queries.list('acme', { limit: 1, cursor: page1.next! });
    assert.deepEqual(page2.items.map((n) => n.id), [green]);
    assert.equal(page2.next, null);
    await assert.rejects(queries.list('acme', { cursor: 'not-a-cursor' }), (err: ValidationError) => {
      assert.deepEqual(err.errors?.map((e) => e.field), ['cursor']);
      return true;
    });
  });

  it('given a site removed and a network deleted, then the site no longer counts and the deleted network leaves the list', async () => {
    await network(blue, { type: 'RemoveSite', site: siteC });
    await network(blue, { type: 'RecordSiteTornDown', site: siteC });
    assert.deepEqual((await queries.list('acme', { site: siteC })).items, []);
    assert.equal((await queries.get('acme', blue)).sites.find((s) => s.site === siteC)?.state, 'torn-down');

    // green's sites never got a network of their own, so their teardown ends at once and so does the deletion
    await network(green, { type: 'DeleteStitchedNetwork' });
    const deleted = await queries.get('acme', green);
    assert.equal(deleted.status, 'deleted');
    assert.equal(deleted.state, 'deleted');
    assert.deepEqual(withoutReadFields(deleted), await writeSide(green));
    assert.deepEqual((await queries.list('acme', {})).items.map((n) => n.id), [blue]);
    assert.deepEqual((await queries.list('acme', { state: 'deleted' })).items.map((n) => n.id), [green]);
  });

  it('rebuilds from the stream to exactly the read model it had live', async () => {
    const dump = async () => ({
      networks: await db.query('select * from networks order by id'),
      sites: await db.query('select * from network_sites order by network_id, site'),
      ports: await db.query('select * from network_ports order by port_id'),
    });
    const live = await dump();
    assert.equal(live.networks.length, 3);
    // spoil the read model: only a replay from the stream can bring it back
    await db.query('delete from network_ports');
    await db.query(`update networks set state = 'failed'`);
    await db.query('delete from network_sites where site = $1', [siteA]);
    assert.notDeepEqual(await dump(), live);
    const progress: number[] = [];
    await runner.rebuild((p) => progress.push(p.applied));
    assert.deepEqual(await dump(), live);
    assert.ok(progress.at(-1)! > 0, 'progress was reported');
  });
});
