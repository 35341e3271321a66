import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import type { InfraSim } from '#vorch/infra-sim';
import { PATIENT_TIMINGS, startNetworkStack, type NetworkStack } from '../support/network-stack.js';
import type { RestCall } from '../support/rest-client.js';

const KEYS = 'admin-key=acme:admin,op-key=acme:operator,view-key=acme:viewer';

describe('direct allocations and MAC prefixes through the gateway (REST → NATS → address manager → inventory → infra-sim)', () => {
  let stack: NetworkStack;
  let sim: InfraSim;
  let call: RestCall;
  const siteIds: Record<string, string> = {};

  before(async () => {
    stack = await startNetworkStack({ ...PATIENT_TIMINGS, sites: 2, hostsPerSite: 2, gateway: { keys: KEYS, defaultKey: 'op-key' } });
    ({ sim, call } = stack);
  });

  after(async () => {
    await stack?.stop();
  });

  const reservationsOn = (siteName: string) => [...sim.admin.site(siteName).model.ports.values()].filter((p) => p.name.startsWith('vorch-alloc-'));

  it('registers the sites and their MAC prefixes (admin only; overlap 409 naming the site; bad prefix 400 naming the field)', async () => {
    for (const name of ['site-1', 'site-2']) {
      const d = sim.admin.describeSite(name);
      const r = await call('POST', '/v1/sites', { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'dc-a' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      siteIds[name] = r.body.id;
      await eventually(async () => assert.equal((await call('GET', `/v1/sites/${r.body.id}`, undefined, 'view-key')).body.status, 'ready'), { timeoutMs: 30000 });
    }
    const prefix = sim.admin.describeSite('site-1').macPrefix;
    assert.equal((await call('PUT', `/v1/sites/${siteIds['site-1']}/mac-prefix`, { prefix }, 'op-key')).status, 403);
    const set = await call('PUT', `/v1/sites/${siteIds['site-1']}/mac-prefix`, { prefix }, 'admin-key');
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body, { site: siteIds['site-1'], prefix: `${prefix}:00:00:00/24` });
    const overlap = await call('PUT', `/v1/sites/${siteIds['site-2']}/mac-prefix`, { prefix: `${prefix}:40` }, 'admin-key');
    assert.equal(overlap.status, 409);
    assert.equal(overlap.body.code, 'MAC_PREFIX.OVERLAP');
    assert.ok(overlap.body.detail.includes(siteIds['site-1']), overlap.body.detail);
    const bad = await call('PUT', `/v1/sites/${siteIds['site-2']}/mac-prefix`, { prefix: 'not-a-prefix' }, 'admin-key');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ['prefix']);
    const listed = await call('GET', '/v1/mac-prefixes', undefined, 'admin-key');
    assert.deepEqual(listed.body.items, [set.body]);
  });

  it('changes a site\'s MAC prefix only when asked to replace it, and never onto another site\'s', async () => {
    const site = siteIds['site-1'];
    const current = (await call('GET', '/v1/mac-prefixes', undefined, 'admin-key')).body.items[0].prefix as string;
    const other = '02:5e:77:00:00:00/24';
    const refused = await call('PUT', `/v1/sites/${site}/mac-prefix`, { prefix: other }, 'admin-key');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'MAC_PREFIX.ALREADY_ASSIGNED');
    assert.match(refused.body.detail, /replace: true/);
    const badFlag = await call('PUT', `/v1/sites/${site}/mac-prefix`, { prefix: other, replace: 'yes' }, 'admin-key');
    assert.equal(badFlag.status, 400);
    assert.deepEqual(badFlag.body.errors.map((e: { field: string }) => e.field), ['replace']);
    const replaced = await call('PUT', `/v1/sites/${site}/mac-prefix`, { prefix: other, replace: true }, 'admin-key');
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.deepEqual((await call('GET', '/v1/mac-prefixes', undefined, 'admin-key')).body.items, [{ site, prefix: other }]);
    const onto = await call('PUT', `/v1/sites/${siteIds['site-2']}/mac-prefix`, { prefix: '02:5e:77:80:00:00/25' }, 'admin-key');
    assert.equal(onto.body.code, 'MAC_PREFIX.OVERLAP');
    // back to the prefix the simulated VIM really hands out MACs from, for the tests that follow
    assert.equal((await call('PUT', `/v1/sites/${site}/mac-prefix`, { prefix: current, replace: true }, 'admin-key')).status, 200);
  });

  it('allocates through the home VIM once per Idempotency-Key, releases it (204) and refuses to release a stitched port\'s address', async () => {
    const created = await call('POST', '/v1/networks', { name: 'addr', cidr: ['192.168.80.0/24'], homeSite: siteIds['site-1'], stretchTo: [siteIds['site-2']], mtu: 1450 });
    assert.equal(created.status, 202);
    const id = created.body.id as string;
    await eventually(async () => assert.ok((await call('GET', `/v1/networks/${id}`, undefined, 'view-key')).body.sites.every((s: { state: string }) => s.state === 'active')), { timeoutMs: 30000 });
    const before = reservationsOn('site-1').length;
    const key = { 'idempotency-key': 'alloc-once-1' };
    const first = await call('POST', `/v1/pools/${id}-v4/allocations`, { portId: 'lb-vip' }, 'op-key', key);
    const again = await call('POST', `/v1/pools/${id}-v4/allocations`, { portId: 'lb-vip' }, 'op-key', key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(again.body, first.body);
    assert.equal(reservationsOn('site-1').length, before + 1, 'one reservation port on the home VIM');
    assert.equal(reservationsOn('site-1').find((p) => p.id === first.body.vimPortId)?.ip, first.body.address);

    const released = await call('DELETE', `/v1/pools/${id}-v4/allocations/${first.body.address}?portId=lb-vip`);
    assert.equal(released.status, 204, JSON.stringify(released.body));
    assert.equal(sim.admin.site('site-1').model.ports.get(first.body.vimPortId), undefined);

    const port = await call('POST', `/v1/networks/${id}/ports`, { site: siteIds['site-2'], name: 'web' });
    assert.equal(port.status, 201, JSON.stringify(port.body));
    const refused = await call('DELETE', `/v1/pools/${id}-v4/allocations/${port.body.ips[0]}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'ADDRESS.HELD_BY_PORT');
    assert.match(refused.body.detail, /delete the port/);
    const badPort = await call('POST', `/v1/pools/${id}-v4/allocations`, { portId: 'no spaces' });
    assert.equal(badPort.status, 400);
    assert.equal(badPort.body.errors[0].field, 'portId');
  });
});
