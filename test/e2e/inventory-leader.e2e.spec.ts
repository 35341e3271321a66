import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { INVENTORY_SUBJECTS, type CommandMeta, type RegisterSiteInput, type SiteView } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, repoRoot, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory, type DriverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';
import { InventoryCore } from '../../apps/inventory/src/inventory.core.js';
import { InventoryHandlers } from '../../apps/inventory/src/inventory.handlers.js';

const LEASE_MS = 1500;
const KEY = 'cd'.repeat(32);
let seq = 0;
const meta = (): CommandMeta => ({ commandId: `cmd-${Date.now()}-${seq++}`, tenantId: 'acme', correlationId: 'corr' });

/** A driver factory that counts every driver call by method name, so the test sees which replica walks sites. */
function countingDrivers(calls: Map<string, number>): DriverFactory {
  const real = driverFactory({ timeoutMs: 2000, retries: 1, retryBaseDelayMs: 10 });
  return {
    create: (req) =>
      new Proxy(real.create(req), {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }),
  };
}

describe('inventory with two replicas: one discovery leader, takeover after a crash (real NATS, PostgreSQL, infra-sim)', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let sim: InfraSim;
  /** The first replica, a real process (so it can crash: killed, its NATS and PostgreSQL sessions gone). */
  let leader: ChildProcess;
  /** The second replica, in this process, with its driver calls counted. */
  let standby: INestApplicationContext;
  const standbyCalls = new Map<string, number>();
  let nc: NatsConnection;
  let bus: Bus;

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 12 }), port: 0, timing: { buildMs: 1, migrateMs: 1 } });
    nc = await connect({ servers: nats.url });
    bus = new Bus(nc);
    leader = spawn(process.execPath, [join(repoRoot(), 'dist/apps/inventory/src/main.js')], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: db.url,
        VORCH_CREDENTIALS_KEY: KEY,
        VORCH_INVENTORY_LEASE_MS: String(LEASE_MS),
        VORCH_REDISCOVERY_SECONDS: '0',
        VORCH_SITE_RETRY_BASE_MS: '200',
        VORCH_METRICS_PORT: '0',
      },
      stdio: 'ignore',
    });
    // Up once it answers the bus (it took the lease before it subscribed anything).
    await eventually(() => bus.request(INVENTORY_SUBJECTS.listSites, {}, meta(), { timeoutMs: 1000 }), { timeoutMs: 30000, intervalMs: 200 });
    standby = await createInventoryService(
      { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: KEY, rediscoverySeconds: 0, pageSize: 5, retryBaseMs: 200, leaseMs: LEASE_MS },
      countingDrivers(standbyCalls),
    );
  });

  after(async () => {
    if (leader.exitCode === null && leader.signalCode === null) leader.kill('SIGKILL');
    await standby?.close();
    await nc?.close();
    await sim?.stop();
    await db?.drop();
    await nats?.destroy();
  });

  const registration = (site: string): RegisterSiteInput => {
    const d = sim.admin.describeSite(site);
    return { name: site, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'east' } as RegisterSiteInput;
  };
  const readySite = (id: string) =>
    eventually(
      async () => {
        const site = await bus.request<SiteView>(INVENTORY_SUBJECTS.getSite, { id }, meta());
        assert.equal(site.status, 'ready');
        return site;
      },
      { timeoutMs: 20000, intervalMs: 100 },
    );

  it('runs the supervisor in one replica only; a site registered through the other is discovered by the leader', async () => {
    const core = standby.get(InventoryCore);
    assert.equal(core.discovery.leading, false, 'the second replica stands by');
    // Through the standby's own handlers, so the registration surely lands on the replica without the lease.
    const handlers = standby.get(InventoryHandlers);
    const site = await handlers.registerSite(registration('site-1'), meta());
    const ready = await readySite(site.id);
    assert.ok(ready.resourceCount >= 12, `hosts discovered: ${ready.resourceCount}`);
    assert.equal(standbyCalls.get('authenticate') ?? 0, 1, 'the standby checked the credentials itself');
    assert.equal(standbyCalls.get('listHosts') ?? 0, 0, 'the standby walked nothing: the leader did');

    // An explicit discover through the standby is run by the leader too, and answers with the run's outcome.
    const outcome = await handlers.discoverSite({ id: site.id }, meta());
    assert.equal(outcome.status, 'ready');
    assert.equal(outcome.site.status, 'ready');
    assert.equal(standbyCalls.get('listHosts') ?? 0, 0);
    assert.equal(core.discovery.leading, false);
  });

  it('when the leader crashes, the other replica takes over within about the lease ttl and discovers new sites', async () => {
    const core = standby.get(InventoryCore);
    const killedAt = Date.now();
    leader.kill('SIGKILL');
    await once(leader, 'exit');
    await eventually(() => assert.equal(core.discovery.leading, true), { timeoutMs: 20 * LEASE_MS, intervalMs: 50 });
    const tookOverMs = Date.now() - killedAt;
    // A ttl plus a renewal interval on an idle machine; the slack is for a busy one.
    assert.ok(tookOverMs <= 4 * LEASE_MS, `took over after ${tookOverMs} ms (lease ${LEASE_MS} ms)`);

    const site = await bus.request<SiteView>(INVENTORY_SUBJECTS.registerSite, registration('site-2'), meta(), { timeoutMs: 20000 });
    await readySite(site.id);
    assert.ok((standbyCalls.get('listHosts') ?? 0) > 0, 'the new leader walked the new site');
  });
});
