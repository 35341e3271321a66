import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ProjectionServiceView, ProjectionStatusView } from '#vorch/contracts';
import { createDataSource } from '#vorch/projections';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { SitesFeatureModule } from '../../apps/gateway/src/sites/sites.feature.module.js';
import { AdminFeatureModule } from '../../apps/gateway/src/admin/admin.feature.module.js';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';
import { restClient, type RestCall } from '../support/rest-client.js';

const KEYS = 'adm-key=acme:admin,op-key=acme:operator';
const PROJECTION = 'inventory_read_model';

describe('projections admin through the gateway: status and rebuild of the inventory read model (REST → NATS → inventory)', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let sim: InfraSim;
  let inventory: INestApplicationContext;
  let gw: Gateway;
  let call: RestCall;
  /** Reads the read model's tables directly, to compare them row by row before and after the rebuild. */
  let reader: DataSource;

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    sim = await startInfraSim({ topology: generateTopology({ sites: 2, hostsPerSite: 30 }), port: 0, timing: { buildMs: 1, migrateMs: 1 } });
    inventory = await createInventoryService(
      { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'ab'.repeat(32), rediscoverySeconds: 0, watch: false, pageSize: 25, retryBaseMs: 500 },
      driverFactory({ timeoutMs: 3000, retries: 1, retryBaseDelayMs: 10 }),
    );
    gw = await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: KEYS, natsUrl: nats.url, features: [SitesFeatureModule, AdminFeatureModule] });
    call = restClient(gw.httpUrl, 'adm-key');
    reader = await createDataSource(db.url, { poolSize: 2, name: 'projections-admin-e2e' });

    // two discovered sites: sites, hosts, storage and networks in the read model
    for (const site of ['site-1', 'site-2']) {
      const d = sim.admin.describeSite(site);
      const created = await call('POST', '/v1/sites', { name: site, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'dc-a' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await eventually(async () => assert.equal((await call('GET', `/v1/sites/${created.body.id}`)).body.status, 'ready'), { timeoutMs: 60000 });
    }
  });

  after(async () => {
    await reader?.destroy();
    await gw?.close();
    await inventory?.close();
    await sim?.stop();
    await db?.drop();
    await nats?.destroy();
  });

  const readModel = async () => ({
    sites: await reader.query('select * from inv_sites order by id'),
    resources: await reader.query('select * from inv_resources order by site_id, kind, external_id'),
    drift: await reader.query('select * from inv_drift order by seq, idx'),
  });

  const inventoryProjection = async () => {
    const r = await call('GET', '/v1/admin/projections');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const item = (r.body.items as ProjectionStatusView[]).find((i) => i.name === PROJECTION);
    assert.ok(item, JSON.stringify(r.body));
    return { item, services: r.body.services as ProjectionServiceView[] };
  };

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${gw.httpUrl}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    assert.ok(doc.paths['/v1/admin/projections']?.get, Object.keys(doc.paths).join(' '));
    const rebuild = doc.paths['/v1/admin/projections/{name}/rebuild']?.post as { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> };
    assert.ok(rebuild, Object.keys(doc.paths).join(' '));
    assert.deepEqual(rebuild.parameters?.filter((p) => p.in === 'path').map((p) => p.name), ['name']);
    assert.ok(rebuild.responses['202']);
  });

  it('is for admins only', async () => {
    assert.equal((await call('GET', '/v1/admin/projections', undefined, 'op-key')).status, 403);
    const refused = await call('POST', `/v1/admin/projections/${PROJECTION}/rebuild`, undefined, 'op-key');
    assert.equal(refused.status, 403);
    assert.match(refused.type, /application\/problem\+json/);
    assert.equal((await call('GET', '/v1/admin/projections', undefined, 'no-such-key')).status, 401);
  });

  it("lists the inventory's projection as running and the services that did not answer as unreachable", async () => {
    const { item, services } = await eventually(async () => {
      const s = await inventoryProjection();
      assert.equal(s.item.lagEvents, 0);
      return s;
    });
    assert.equal(item.service, 'inventory');
    assert.equal(item.state, 'running');
    assert.equal(item.replicas, 1);
    assert.ok(item.checkpoint > 0);
    assert.deepEqual(services, [
      { service: 'interoperability-matrix', reachable: false, replicas: 0 },
      { service: 'inventory', reachable: true, replicas: 1 },
      { service: 'network-stitching', reachable: false, replicas: 0 },
      { service: 'stats-collector', reachable: false, replicas: 0 },
    ]);
  });

  it('answers an unknown or malformed name with a problem naming it', async () => {
    const unknown = await call('POST', '/v1/admin/projections/no_such_projection/rebuild');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'PROJECTION.NOT_FOUND');
    assert.match(unknown.type, /application\/problem\+json/);
    const malformed = await call('POST', '/v1/admin/projections/bad.name/rebuild');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.errors[0].field, 'name');
  });

  it('rebuilds the read model from the events: 202 at once, progress to the total, the same rows as before', async () => {
    const { item: settled } = await eventually(async () => {
      const s = await inventoryProjection();
      assert.equal(s.item.lagEvents, 0);
      return s;
    });
    const before = await readModel();
    assert.ok(before.resources.length >= 60, `hosts and more were discovered, got ${before.resources.length}`);

    const accepted = await call('POST', `/v1/admin/projections/${PROJECTION}/rebuild`);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(accepted.body.name, PROJECTION);
    assert.equal(accepted.body.state, 'rebuilding');
    assert.equal(accepted.body.rebuild.applied, 0);
    assert.ok(Date.parse(accepted.body.rebuild.startedAt) > 0);

    const done = await eventually(
      async () => {
        const { item } = await inventoryProjection();
        assert.equal(item.lastRebuild?.outcome, 'completed', JSON.stringify(item));
        return item;
      },
      { timeoutMs: 60000, intervalMs: 200 },
    );
    assert.equal(done.state, 'running');
    assert.equal(done.lastRebuild!.startedAt, accepted.body.rebuild.startedAt);
    assert.equal(done.lastRebuild!.applied, done.lastRebuild!.total);
    assert.ok((done.lastRebuild!.total ?? 0) > 0);
    assert.equal(done.checkpoint, settled.checkpoint);
    assert.deepEqual(await readModel(), before);
  });
});
