import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { INVENTORY_SUBJECTS, ValidationError, VorchError, type CommandMeta, type HostView, type Paged, type SiteView } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createInventoryService } from './create-inventory-service.js';
import { driverFactory } from './discovery/driver-factory.js';

let seq = 0;
const meta = (tenantId = 'acme'): CommandMeta => ({ commandId: `cmd-${Date.now()}-${seq++}`, tenantId, correlationId: 'corr' });

describe('inventory service: sites, discovery, drift (real NATS, PostgreSQL, infra-sim over HTTP)', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let sim: InfraSim;
  let app: INestApplicationContext;
  let nc: NatsConnection;
  let bus: Bus;
  const hostsPerSite = 120;

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite }), port: 0, timing: { buildMs: 1, migrateMs: 1 } });
    app = await createInventoryService(
      { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'ab'.repeat(32), rediscoverySeconds: 0, pageSize: 50, retryBaseMs: 200 },
      driverFactory({ timeoutMs: 2000, retries: 1, retryBaseDelayMs: 10 }),
    );
    nc = await connect({ servers: nats.url });
    bus = new Bus(nc);
  });

  after(async () => {
    await app?.close();
    await nc?.close();
    await sim?.stop();
    await db?.drop();
    await nats?.destroy();
  });

  const register = (site: string, overrides: Record<string, unknown> = {}, tenant = 'acme') => {
    const d = sim.admin.describeSite(site);
    return bus.request<SiteView>(
      INVENTORY_SUBJECTS.registerSite,
      { name: site, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'east', ...overrides },
      meta(tenant),
      { timeoutMs: 30000 },
    );
  };

  const getSite = (id: string, tenant = 'acme') => bus.request<SiteView>(INVENTORY_SUBJECTS.getSite, { id }, meta(tenant));

  it('registers and discovers a site of every dialect: hosts, storage, capacity', async () => {
    for (const name of ['site-1', 'site-2', 'site-3']) {
      const site = await register(name);
      assert.equal(site.name, name);
      const ready = await eventually(async () => {
        const s = await getSite(site.id);
        assert.equal(s.status, 'ready', `${name}: ${s.status} ${s.lastError ?? ''}`);
        return s;
      }, { timeoutMs: 30000 });
      assert.ok(ready.resourceCount >= hostsPerSite, `${name} has ${ready.resourceCount} resources`);
      const hosts: HostView[] = [];
      let cursor: string | undefined;
      do {
        const page: Paged<HostView> = await bus.request(INVENTORY_SUBJECTS.listHosts, { siteId: site.id, limit: 50, cursor }, meta());
        hosts.push(...page.items);
        cursor = page.next ?? undefined;
      } while (cursor);
      assert.equal(hosts.length, hostsPerSite, `${name} hosts`);
      assert.equal(new Set(hosts.map((h) => h.id)).size, hostsPerSite);
      assert.ok(hosts.some((h) => h.cpuFeatures.includes('sev-snp')));
      const capacity = await bus.request<{ hosts: number; gpus: number }>(INVENTORY_SUBJECTS.capacity, { siteId: site.id }, meta());
      assert.equal(capacity.hosts, hostsPerSite);
      assert.ok(capacity.gpus > 0);
    }
    const gpuHosts = await bus.request<Paged<HostView>>(INVENTORY_SUBJECTS.listHosts, { minGpus: 4, limit: 1000 }, meta());
    assert.ok(gpuHosts.items.length > 0 && gpuHosts.items.every((h) => h.gpus >= 4));
  });

  it('records a change made behind Vorch\'s back as drift on the next discovery', async () => {
    const site = await getSiteByName('site-1');
    const host = sim.admin.hostsPage('site-1', undefined, 1).items[0]!;
    sim.admin.setHostUp('site-1', host.name, false);
    const outcome = await bus.request<{ status: string }>(INVENTORY_SUBJECTS.discoverSite, { id: site.id }, meta(), { timeoutMs: 60000 });
    assert.equal(outcome.status, 'ready');
    const down = await bus.request<Paged<HostView>>(INVENTORY_SUBJECTS.listHosts, { siteId: site.id, state: 'down' }, meta());
    assert.deepEqual(down.items.map((h) => h.name), [host.name]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const drift = await client.query('select kind, change, changes from inv_drift where site_id=$1', [site.id]);
    await client.end();
    assert.equal(drift.rowCount, 1);
    assert.equal(drift.rows[0].change, 'modified');
    assert.ok(JSON.stringify(drift.rows[0].changes).includes('attributes.state'));
  });

  it('notices a change behind Vorch\'s back through the site\'s change feed, without being asked', async () => {
    const site = await getSiteByName('site-3');
    const victim = sim.admin.hostsPage('site-3', undefined, 3).items[2]!;
    sim.admin.setHostUp('site-3', victim.name, false);
    await eventually(
      async () => {
        const down = await bus.request<Paged<HostView>>(INVENTORY_SUBJECTS.listHosts, { siteId: site.id, state: 'down' }, meta());
        assert.deepEqual(down.items.map((h) => h.name), [victim.name]);
      },
      { timeoutMs: 30000, intervalMs: 250 },
    );
  });

  it('shows an unreachable site with its reason and resumes when it is back', async () => {
    const site = await getSiteByName('site-2');
    sim.admin.setFaults('site-2', { unreachable: true });
    const outcome = await bus.request<{ status: string; reason: string }>(INVENTORY_SUBJECTS.discoverSite, { id: site.id }, meta(), { timeoutMs: 60000 });
    assert.equal(outcome.status, 'unreachable');
    const s = await getSite(site.id);
    assert.equal(s.status, 'unreachable');
    assert.ok(s.lastError && s.lastError.length > 0);
    sim.admin.clearFaults('site-2');
    await eventually(async () => assert.equal((await getSite(site.id)).status, 'ready'), { timeoutMs: 20000 });
  });

  it('refuses bad registration input naming the fields, and records nothing', async () => {
    await assert.rejects(
      bus.request(INVENTORY_SUBJECTS.registerSite, { name: 'Bad Name', dialect: 'hyperv', endpoint: 'not a url', credentials: {}, domain: 'x' }, meta()),
      (err: unknown) => err instanceof ValidationError && ['dialect', 'endpoint', 'name'].every((f) => err.errors!.some((e) => e.field === f)),
    );
  });

  it('refuses wrong credentials with a clear error and records nothing', async () => {
    const before = await streamMessages();
    await assert.rejects(register('site-3', { name: 'site-3-bad-creds', credentials: { token: 'tok-9f8e7d-not-it' } }), (err: VorchError) => {
      assert.equal(err.code, 'SITE.CREDENTIALS_REJECTED');
      assert.ok(!JSON.stringify({ ...err, message: err.message }).includes('tok-9f8e7d'), 'the rejected secret is not echoed');
      return true;
    });
    assert.equal(await streamMessages(), before);
    const sites = await bus.request<Paged<SiteView>>(INVENTORY_SUBJECTS.listSites, {}, meta());
    assert.ok(!sites.items.some((s) => s.name === 'site-3-bad-creds'));
  });

  it('keeps tenants apart: another tenant\'s site is not found', async () => {
    const site = await getSiteByName('site-1');
    await assert.rejects(getSite(site.id, 'other-tenant'), (err: VorchError) => err.status === 404);
    const theirs = await bus.request<Paged<HostView>>(INVENTORY_SUBJECTS.listHosts, {}, meta('other-tenant'));
    assert.equal(theirs.items.length, 0);
  });

  it('answers a duplicate registration of the same name with a conflict', async () => {
    await assert.rejects(register('site-1'), (err: VorchError) => err.code === 'SITE.ALREADY_REGISTERED' && err.status === 409);
  });

  it('runs generic VIM operations on a site for other services, with typed driver errors', async () => {
    const site = await getSiteByName('site-1');
    const vim = (operation: string, args: object, tenant = 'acme') =>
      bus.request<Record<string, unknown>>(INVENTORY_SUBJECTS.vim, { siteId: site.id, operation, args }, meta(tenant), { timeoutMs: 20000 });
    const net = await vim('createNetwork', { name: 'stitched-1', cidrs: ['10.77.0.0/24'], segmentation: { type: 'vxlan', id: 7777 }, mtu: 1450 });
    assert.equal(net.name, 'stitched-1');
    const port = await vim('createPort', { networkId: net.externalId, name: 'p1' });
    assert.match(String(port.mac), /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    assert.equal((port.ips as string[]).length, 1);
    await assert.rejects(vim('createPort', { networkId: net.externalId, name: 'p2', ip: (port.ips as string[])[0] }), (err: VorchError) => err.code === 'DRIVER.CONFLICT');
    const listed = await bus.request<Array<{ externalId: string; name: string }>>(INVENTORY_SUBJECTS.vim, { siteId: site.id, operation: 'listPorts', args: { networkId: net.externalId } }, meta(), { timeoutMs: 20000 });
    assert.deepEqual(listed.map((p) => [p.externalId, p.name]), [[port.externalId, 'p1']]);
    await assert.rejects(vim('listPorts', {}), (err: unknown) => err instanceof ValidationError && err.errors![0]!.field === 'args.networkId');
    assert.equal((await vim('getNetwork', { id: net.externalId })).externalId, net.externalId);
    await assert.rejects(vim('getNetwork', { id: net.externalId }, 'other-tenant'), (err: VorchError) => err.status === 404);
    await assert.rejects(vim('getNetwork', {}), (err: unknown) => err instanceof ValidationError && err.errors![0]!.field === 'args.id');
    await assert.rejects(vim('rebootTheWorld', {}), (err: unknown) => err instanceof ValidationError && err.errors![0]!.field === 'operation');
    await vim('deletePort', { id: port.externalId });
    await vim('deleteNetwork', { id: net.externalId });
    await assert.rejects(vim('getNetwork', { id: net.externalId }), (err: VorchError) => err.code === 'DRIVER.NOT_FOUND');
    await assert.rejects(vim('listPorts', { networkId: net.externalId }), (err: VorchError) => err.code === 'DRIVER.NOT_FOUND');
  });

  async function getSiteByName(name: string): Promise<SiteView> {
    const sites = await bus.request<Paged<SiteView>>(INVENTORY_SUBJECTS.listSites, {}, meta());
    const site = sites.items.find((s) => s.name === name);
    assert.ok(site, `${name} registered`);
    return site;
  }

  async function streamMessages(): Promise<number> {
    const jsm = await jetstreamManager(nc);
    return (await jsm.streams.info('EVT_INVENTORY')).state.messages;
  }
});
