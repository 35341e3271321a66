import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import type { InfraSim } from '#vorch/infra-sim';
import { PATIENT_TIMINGS, startNetworkStack, type NetworkStack } from '../support/network-stack.js';
import type { RestCall } from '../support/rest-client.js';

const KEYS = 'op-key=acme:operator,view-key=acme:viewer,globex-key=globex:operator';

describe('stretched networks and their ports through the gateway (REST → NATS → network-stitching → inventory → infra-sim)', () => {
  let stack: NetworkStack;
  let sim: InfraSim;
  let call: RestCall;
  const siteIds: Record<string, string> = {};

  before(async () => {
    stack = await startNetworkStack({ ...PATIENT_TIMINGS, sites: 3, hostsPerSite: 4, gateway: { keys: KEYS, defaultKey: 'op-key' } });
    ({ sim, call } = stack);
  });

  after(async () => {
    await stack?.stop();
  });

  it('registers an openstack, a vsphere and a kubevirt site', async () => {
    for (const name of ['site-1', 'site-2', 'site-3']) {
      const d = sim.admin.describeSite(name);
      const r = await call('POST', '/v1/sites', { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'dc-a' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      siteIds[d.dialect] = r.body.id;
      await eventually(async () => assert.equal((await call('GET', `/v1/sites/${r.body.id}`, undefined, 'view-key')).body.status, 'ready'), { timeoutMs: 30000 });
    }
    assert.deepEqual(Object.keys(siteIds).sort(), ['kubevirt', 'openstack', 'vsphere']);
  });

  it('stretches a network homed on openstack to vsphere and kubevirt; a port on each site is addressed by the home VIM', async () => {
    const created = await call('POST', '/v1/networks', {
      name: 'app-net',
      cidr: ['192.168.50.0/24'],
      homeSite: siteIds.openstack,
      stretchTo: [siteIds.vsphere, siteIds.kubevirt],
      mtu: 1450,
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    const id = created.body.id as string;
    const network = await eventually(
      async () => {
        const n = await call('GET', `/v1/networks/${id}`, undefined, 'view-key');
        assert.ok(n.body.sites.every((s: { state: string }) => s.state === 'active'), JSON.stringify(n.body.sites));
        return n.body;
      },
      { timeoutMs: 30000 },
    );
    assert.equal(network.homeSite, siteIds.openstack);
    const ports = [];
    for (const dialect of ['openstack', 'vsphere', 'kubevirt']) {
      const p = await call('POST', `/v1/networks/${id}/ports`, { site: siteIds[dialect], name: `web-${dialect}` });
      assert.equal(p.status, 201, JSON.stringify(p.body));
      assert.equal(p.body.site, siteIds[dialect]);
      ports.push(p.body);
    }
    const ips = ports.map((p) => p.ips[0] as string);
    assert.equal(new Set(ips).size, 3, `three distinct addresses: ${ips}`);
    assert.ok(ips.every((ip) => ip.startsWith('192.168.50.')));
    // recorded by the home site's VIM: its network holds a port with each MAC/IP
    const homeModel = sim.admin.site('site-1').model;
    const homeNet = [...homeModel.networks.values()].find((n) => n.id === network.sites[0].vimNetworkId || n.name.endsWith(id.toLowerCase()))!;
    const held = [...homeModel.portsOf(homeNet.id)].map((p) => `${p.ip}/${p.mac}`);
    for (const p of ports) assert.ok(held.includes(`${p.ips[0]}/${p.mac}`), `home VIM holds ${p.ips[0]}`);
    // and by Vorch's ledger
    const ledger = await call('GET', `/v1/pools/${id}-v4/allocations`, undefined, 'view-key');
    assert.deepEqual(ledger.body.items.map((a: { address: string }) => a.address).sort(), [...ips].sort());
  });

  it('answers 409 for a taken or exhausted address and 400 naming the field for bad input', async () => {
    const net = (await call('GET', '/v1/networks?name=app-net', undefined, 'view-key')).body.items[0];
    const taken = (await call('GET', `/v1/pools/${net.id}-v4/allocations`, undefined, 'view-key')).body.items[0];
    const dup = await call('POST', `/v1/pools/${net.id}-v4/allocations`, { portId: 'intruder', address: taken.address });
    assert.equal(dup.status, 409);
    assert.match(dup.type, /application\/problem\+json/);
    assert.equal(dup.body.code, 'ADDRESS.TAKEN');
    assert.ok(dup.body.detail.includes(taken.portId) || JSON.stringify(dup.body).includes(taken.portId), JSON.stringify(dup.body));

    // without stretchTo and mtu: a network on its home site alone, with a VXLAN-over-1500 MTU
    const tiny = await call('POST', '/v1/networks', { name: 'tiny', cidr: ['192.168.60.0/30'], homeSite: siteIds.vsphere });
    assert.equal(tiny.status, 202, JSON.stringify(tiny.body));
    assert.equal(tiny.body.mtu, 1450);
    assert.deepEqual(tiny.body.sites.map((s: { site: string }) => s.site), [siteIds.vsphere]);
    // direct allocations are made by the home VIM, on its network: wait until it exists
    await eventually(async () => assert.equal((await call('GET', `/v1/networks/${tiny.body.id}`, undefined, 'view-key')).body.sites[0].state, 'active'), { timeoutMs: 30000 });
    assert.equal((await call('POST', `/v1/pools/${tiny.body.id}-v4/allocations`, { portId: 'only' })).body.address, '192.168.60.2');
    const exhausted = await call('POST', `/v1/pools/${tiny.body.id}-v4/allocations`, { portId: 'one-too-many' });
    assert.equal(exhausted.status, 409);
    assert.equal(exhausted.body.code, 'POOL.EXHAUSTED');

    const bad = await call('POST', '/v1/networks', { name: 'x', cidr: ['192.168.70.0/24'], homeSite: siteIds.openstack, stretchTo: [], mtu: 100 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ['mtu']);
    const badCidr = await call('POST', '/v1/networks', { name: 'x', cidr: ['192.168.70.7/24'], homeSite: siteIds.openstack, stretchTo: [], mtu: 1500 });
    assert.equal(badCidr.status, 400);
    assert.equal(badCidr.body.code, 'VALIDATION');
    assert.deepEqual(badCidr.body.errors, [{ field: 'cidr.0', message: '"192.168.70.7/24" is not a valid CIDR: host bits are set; did you mean 192.168.70.0/24?' }]);
    const badRanges = await call('POST', '/v1/networks', {
      name: 'x',
      cidr: ['192.168.70.0/24'],
      homeSite: siteIds.openstack,
      subnets: [{ cidr: '192.168.70.0/24', reserved: [{ start: '192.168.70.9' }] }, { cidr: '192.168.70.0/24', gateway: 7 }],
    });
    assert.equal(badRanges.status, 400);
    assert.deepEqual([...new Set(badRanges.body.errors.map((e: { field: string }) => e.field))].sort(), ['subnets.0.reserved.0.end', 'subnets.1.gateway']);
    const badPort = await call('POST', `/v1/networks/${net.id}/ports`, { site: 'nowhere', name: 'p' });
    assert.equal(badPort.status, 400);
    assert.equal(badPort.body.errors[0].field, 'site');
    assert.equal((await call('POST', '/v1/networks', { name: 'y', cidr: ['192.168.71.0/24'], homeSite: siteIds.openstack, stretchTo: [], mtu: 1500 }, 'view-key')).status, 403);
  });

  it('lists the ports of a network and deletes one (204), freeing its address in the ledger', async () => {
    const net = (await call('GET', '/v1/networks?name=app-net', undefined, 'view-key')).body.items[0];
    const listed = await call('GET', `/v1/networks/${net.id}/ports`, undefined, 'view-key');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items.length, 3);
    const victim = listed.body.items.find((p: { site: string }) => p.site === siteIds.kubevirt);
    const deleted = await call('DELETE', `/v1/networks/${net.id}/ports/${victim.id}`);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    const after = await call('GET', `/v1/networks/${net.id}/ports`, undefined, 'view-key');
    assert.deepEqual(after.body.items.map((p: { id: string }) => p.id).includes(victim.id), false);
    const ledger = await call('GET', `/v1/pools/${net.id}-v4/allocations`, undefined, 'view-key');
    assert.equal(ledger.body.items.some((a: { address: string }) => a.address === victim.ips[0]), false);
    assert.equal((await call('DELETE', `/v1/networks/${net.id}/ports/${victim.id}`)).status, 404);
  });

  it('lists networks from the read model with filters and keyset pages, reads its own writes, and keeps tenants apart', async () => {
    // app-net (home openstack, stretched to vsphere and kubevirt) and tiny (home vsphere) exist from the tests above
    const byName = (r: { body: { items: Array<{ name: string }> } }) => r.body.items.map((n) => n.name);
    const all = await call('GET', '/v1/networks', undefined, 'view-key');
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual(byName(all).sort(), ['app-net', 'tiny']);
    assert.equal(all.body.next, null);
    assert.deepEqual(byName(await call('GET', `/v1/networks?homeSite=${siteIds.vsphere}`, undefined, 'view-key')), ['tiny']);
    assert.deepEqual(byName(await call('GET', `/v1/networks?site=${siteIds.kubevirt}`, undefined, 'view-key')), ['app-net']);
    assert.deepEqual(byName(await call('GET', `/v1/networks?site=${siteIds.vsphere}&name=app-net`, undefined, 'view-key')), ['app-net']);
    await eventually(async () => assert.deepEqual(byName(await call('GET', '/v1/networks?state=active', undefined, 'view-key')).sort(), ['app-net', 'tiny']), { timeoutMs: 20000 });
    assert.deepEqual(byName(await call('GET', '/v1/networks?state=failed', undefined, 'view-key')), []);

    const first = await call('GET', '/v1/networks?limit=1', undefined, 'view-key');
    assert.equal(first.body.items.length, 1);
    assert.equal(typeof first.body.next, 'string');
    const second = await call('GET', `/v1/networks?limit=1&cursor=${first.body.next}`, undefined, 'view-key');
    assert.deepEqual([...byName(first), ...byName(second)].sort(), ['app-net', 'tiny']);
    assert.equal(second.body.next, null);

    for (const [query, field] of [['limit=0', 'limit'], ['limit=x', 'limit'], ['cursor=bm9wZQ', 'cursor'], ['state=sleepy', 'state'], ['homeSite=nowhere', 'homeSite'], ['minSeq=-1', 'minSeq']]) {
      const bad = await call('GET', `/v1/networks?${query}`, undefined, 'view-key');
      assert.equal(bad.status, 400, `${query}: ${JSON.stringify(bad.body)}`);
      assert.ok(bad.body.errors.some((e: { field: string }) => e.field === field), `${query} names ${field}: ${JSON.stringify(bad.body)}`);
    }

    // a command answers with its position in the stream; a query given it as minSeq includes the write
    const created = await call('POST', '/v1/networks', { name: 'ryw', cidr: ['192.168.80.0/24'], homeSite: siteIds.kubevirt, stretchTo: [], mtu: 1450 });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.ok(created.body.seq > 0, JSON.stringify(created.body));
    const read = await call('GET', `/v1/networks/${created.body.id}?minSeq=${created.body.seq}`, undefined, 'view-key');
    assert.equal(read.status, 200);
    assert.ok(read.body.seq >= created.body.seq);
    assert.equal(read.body.homeSite, siteIds.kubevirt);
    assert.deepEqual(byName(await call('GET', '/v1/networks?name=ryw', undefined, 'view-key')), ['ryw']);

    // another tenant sees none of it
    const net = all.body.items.find((n: { name: string }) => n.name === 'app-net');
    assert.deepEqual((await call('GET', '/v1/networks', undefined, 'globex-key')).body, { items: [], next: null });
    assert.equal((await call('GET', `/v1/networks/${net.id}`, undefined, 'globex-key')).status, 404);
    assert.equal((await call('GET', `/v1/networks/${net.id}/ports`, undefined, 'globex-key')).status, 404);
    assert.equal((await call('DELETE', `/v1/networks/${net.id}`, undefined, 'globex-key')).status, 404);
    const ports = await call('GET', `/v1/networks/${net.id}/ports?limit=1`, undefined, 'view-key');
    assert.equal(ports.body.items.length, 1);
    assert.equal(typeof ports.body.next, 'string', 'app-net has two ports left');
  });

  it('creates one network for a request resent with the same Idempotency-Key', async () => {
    const body = { name: 'keyed', cidr: ['192.168.81.0/24'], homeSite: siteIds.openstack };
    const first = await call('POST', '/v1/networks', body, undefined, { 'Idempotency-Key': 'keyed-net-1' });
    const again = await call('POST', '/v1/networks', body, undefined, { 'Idempotency-Key': 'keyed-net-1' });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(again.status, 202, JSON.stringify(again.body));
    assert.equal(again.body.id, first.body.id);
    assert.deepEqual(again.body.segmentation, first.body.segmentation);
    const listed = await call('GET', '/v1/networks?name=keyed', undefined, 'view-key');
    assert.deepEqual(listed.body.items.map((n: { id: string }) => n.id), [first.body.id]);
  });
});
