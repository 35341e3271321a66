import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { SitesFeatureModule } from '../../apps/gateway/src/sites/sites.feature.module.js';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';

const KEYS = 'adm-key=acme:admin,op-key=acme:operator,view-key=acme:viewer,globex-key=globex:operator';

describe('sites through the gateway (REST → NATS → inventory → infra-sim)', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let sim: InfraSim;
  let inventory: INestApplicationContext;
  let gw: Gateway;

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    sim = await startInfraSim({ topology: generateTopology({ sites: 2, hostsPerSite: 40 }), port: 0 });
    inventory = await createInventoryService(
      { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'ef'.repeat(32), rediscoverySeconds: 0, watch: false, pageSize: 25, retryBaseMs: 500 },
      driverFactory({ timeoutMs: 3000, retries: 1, retryBaseDelayMs: 10 }),
    );
    gw = await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: KEYS, natsUrl: nats.url, features: [SitesFeatureModule] });
  });

  after(async () => {
    await gw?.close();
    await inventory?.close();
    await sim?.stop();
    await db?.drop();
    await nats?.destroy();
  });

  const call = async (method: string, path: string, key: string | null, body?: unknown) => {
    const res = await fetch(`${gw.httpUrl}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  };

  const registration = (site: string) => {
    const d = sim.admin.describeSite(site);
    return { name: site, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'dc-a' };
  };

  it('refuses unauthenticated and read-only callers', async () => {
    assert.equal((await call('POST', '/v1/sites', null, registration('site-1'))).status, 401);
    assert.equal((await call('POST', '/v1/sites', 'not-a-key', registration('site-1'))).status, 401);
    assert.equal((await call('POST', '/v1/sites', 'view-key', registration('site-1'))).status, 403);
  });

  it('answers bad input with 400 problem+json naming each field, and records nothing', async () => {
    const r = await call('POST', '/v1/sites', 'op-key', { name: 'Bad Name!', dialect: 'hyperv', endpoint: 'ftp//x', domain: '' });
    assert.equal(r.status, 400);
    assert.match(r.type, /application\/problem\+json/);
    const fields = (r.body.errors as Array<{ field: string }>).map((e) => e.field);
    for (const f of ['name', 'dialect', 'endpoint', 'credentials', 'domain']) assert.ok(fields.includes(f), `${f} in ${fields}`);
    const unknown = await call('POST', '/v1/sites', 'op-key', { ...registration('site-1'), colour: 'blue' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'colour');
    const malformed = await call('POST', '/v1/sites', 'op-key', '{"name":');
    assert.equal(malformed.status, 400);
    assert.equal((await call('GET', '/v1/hosts?limit=abc', 'view-key')).body.errors[0].field, 'limit');
    assert.equal((await call('GET', '/v1/hosts?siteId=nope', 'view-key')).body.errors[0].field, 'siteId');
    assert.equal((await call('GET', '/v1/hosts?cursor=garbage', 'view-key')).body.errors[0].field, 'cursor');
    assert.deepEqual((await call('GET', '/v1/sites', 'view-key')).body.items, []);
  });

  it('registers a site, discovers it, and pages through its hosts', async () => {
    const created = await call('POST', '/v1/sites', 'op-key', registration('site-1'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.credentials, undefined);
    const id = created.body.id as string;
    await eventually(async () => assert.equal((await call('GET', `/v1/sites/${id}`, 'view-key')).body.status, 'ready'), { timeoutMs: 30000 });
    const seen = new Set<string>();
    let next: string | null = null;
    do {
      const page = await call('GET', `/v1/hosts?siteId=${id}&limit=15${next ? `&cursor=${next}` : ''}`, 'view-key');
      assert.equal(page.status, 200);
      for (const h of page.body.items) seen.add(h.id);
      next = page.body.next;
    } while (next);
    assert.equal(seen.size, 40);
    const capacity = await call('GET', `/v1/capacity?siteId=${id}`, 'view-key');
    assert.equal(capacity.body.hosts, 40);
    const storage = await call('GET', `/v1/storage?siteId=${id}&replication=sync`, 'view-key');
    assert.ok(storage.body.items.length >= 2);
  });

  it('keeps tenants apart: another tenant gets 404 for the site and sees none of its hosts', async () => {
    const sites = await call('GET', '/v1/sites', 'view-key');
    const id = sites.body.items[0].id as string;
    assert.equal((await call('GET', `/v1/sites/${id}`, 'globex-key')).status, 404);
    assert.equal((await call('POST', `/v1/sites/${id}/discover`, 'globex-key')).status, 404);
    assert.deepEqual((await call('GET', '/v1/hosts', 'globex-key')).body.items, []);
  });

  it('reports wrong credentials as a clear error and records nothing', async () => {
    const r = await call('POST', '/v1/sites', 'op-key', { ...registration('site-2'), credentials: { username: 'admin', password: 'nope', project: 'vorch' } });
    assert.equal(r.body.code, 'SITE.CREDENTIALS_REJECTED', JSON.stringify(r.body));
    assert.equal(r.status, 422);
    const names = (await call('GET', '/v1/sites', 'view-key')).body.items.map((s: { name: string }) => s.name);
    assert.ok(!names.includes('site-2'));
  });

  it('re-discovers on request and deregisters (admin or operator, never viewer)', async () => {
    const id = (await call('GET', '/v1/sites', 'view-key')).body.items[0].id as string;
    const again = await call('POST', `/v1/sites/${id}/discover`, 'op-key');
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'ready');
    assert.equal((await call('DELETE', `/v1/sites/${id}`, 'view-key')).status, 403);
    assert.equal((await call('DELETE', `/v1/sites/${id}`, 'op-key')).status, 204);
    assert.equal((await call('GET', `/v1/sites/${id}`, 'view-key')).status, 404);
  });
});
