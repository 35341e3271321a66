import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { INVENTORY_SUBJECTS, type CommandMeta, type SiteView } from '#vorch/contracts';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { createDriver, type VimDriver } from '#vorch/vim-drivers';
import { createInventoryService } from '../create-inventory-service.js';
import { driverFactory } from './driver-factory.js';

let seq = 0;
const meta = (): CommandMeta => ({ commandId: `refresh-${process.pid}-${seq++}`, tenantId: 'acme', correlationId: 'corr' });
const SITES = ['site-1', 'site-2', 'site-3'];

describe('change feed → targeted refresh: one VM changed behind Vorch\'s back is read alone, not by walking the site', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let sim: InfraSim;
  let app: INestApplicationContext;
  let nc: NatsConnection;
  let bus: Bus;
  let sql: pg.Client;
  const siteIds: Record<string, string> = {};

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 40 }), port: 0, timing: { buildMs: 1, migrateMs: 1 } });
    app = await createInventoryService(
      { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'cd'.repeat(32), rediscoverySeconds: 0, pageSize: 20, retryBaseMs: 200 },
      driverFactory({ timeoutMs: 3000, retries: 1, retryBaseDelayMs: 10 }),
    );
    nc = await connect({ servers: nats.url });
    bus = new Bus(nc);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    for (const name of SITES) {
      const d = sim.admin.describeSite(name);
      const site = await bus.request<SiteView>(INVENTORY_SUBJECTS.registerSite, { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'east' }, meta(), { timeoutMs: 30000 });
      siteIds[name] = site.id;
    }
    for (const name of SITES) await eventually(async () => assert.equal((await site(name)).status, 'ready'), { timeoutMs: 60000, intervalMs: 200 });
  });

  after(async () => {
    await sql?.end();
    await app?.close();
    await nc?.close();
    await sim?.stop();
    await db?.drop();
    await nats?.destroy();
  });

  const site = (name: string) => bus.request<SiteView>(INVENTORY_SUBJECTS.getSite, { id: siteIds[name] }, meta());
  const driverOf = (name: string): VimDriver => {
    const d = sim.admin.describeSite(name);
    return createDriver({ dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, timeoutMs: 3000, retries: 1 });
  };
  const vmRow = async (name: string, vmId: string) =>
    (await sql.query(`select name, attributes from inv_resources where site_id=$1 and kind='vm' and external_id=$2`, [siteIds[name], vmId])).rows[0] as
      | { name: string; attributes: { ports: Array<{ id: string; mac: string; ips: string[] }> } }
      | undefined;

  for (const name of SITES) {
    it(`${name}: a VM created and then deleted on the VIM shows in the inventory without a new discovery run`, async () => {
      const runBefore = (await site(name)).discovery.completedAt;
      assert.ok(runBefore);
      const driver = driverOf(name);
      const [network] = await driver.listNetworks();
      assert.ok(network, 'the simulated site has a network');
      const port = await driver.createPort({ networkId: network.externalId, name: 'outsider-nic' });
      const vm = await driver.createVm({ name: 'outsider', cpu: 1, memoryMb: 512, portIds: [port.externalId] });

      await eventually(async () => {
        const row = await vmRow(name, vm.externalId);
        assert.ok(row, 'the VM is in the inventory');
        assert.deepEqual(row.attributes.ports.map((p) => p.mac), [port.mac]);
      }, { timeoutMs: 20000, intervalMs: 200 });

      await driver.deleteVm(vm.externalId);
      await eventually(async () => assert.equal(await vmRow(name, vm.externalId), undefined, 'the VM left the inventory'), { timeoutMs: 20000, intervalMs: 200 });

      const drift = await sql.query(`select change from inv_drift where site_id=$1 and kind='vm' and external_id=$2 order by seq, idx`, [siteIds[name], vm.externalId]);
      assert.deepEqual(drift.rows.map((r: { change: string }) => r.change).filter((c: string, i: number, all: string[]) => all.indexOf(c) === i).sort(), ['added', 'deleted'], 'both show as drift');
      assert.equal((await site(name)).discovery.completedAt, runBefore, 'no walk of the site was needed');
    });
  }
});
