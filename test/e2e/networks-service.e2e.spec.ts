import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IPAM_SUBJECTS,
  NETWORK_SUBJECTS,
  ValidationError,
  VorchError,
  type AllocationView,
  type CommandMeta,
  type NetworkView,
  type PortView,
} from '#vorch/contracts';
import type { Bus } from '#vorch/messaging';
import { eventually } from '#vorch/testing';
import type { InfraSim } from '#vorch/infra-sim';
import type { NetworkStitchingCore } from '../../apps/network-stitching/src/network-stitching.core.js';
import { vimNetworkName } from '../../apps/network-stitching/src/stitching/vim-network-shape.js';
import { startNetworkStack, type NetworkStack } from '../support/network-stack.js';
import { registerSites } from '../support/register-sites.js';

let seq = 0;
const meta = (tenantId = 'acme'): CommandMeta => ({ commandId: `cmd-${Date.now()}-${seq++}`, tenantId, correlationId: 'corr' });

describe('network-stitching + address manager (real NATS, PostgreSQL for inventory, infra-sim over HTTP)', () => {
  let stack: NetworkStack;
  let sim: InfraSim;
  let core: NetworkStitchingCore;
  let bus: Bus;
  let site: Record<string, string> = {};

  before(async () => {
    stack = await startNetworkStack({
      sites: 3,
      hostsPerSite: 4,
      stitching: { retryPolicy: { initialDelayMs: 200, multiplier: 2, maxDelayMs: 800, jitter: 0.2 } },
    });
    ({ sim, core, bus } = stack);
    site = await registerSites(stack, ['site-1', 'site-2', 'site-3'], { domain: 'east', meta: () => meta() });
  });

  after(async () => {
    await stack?.stop();
  });

  const createNetwork = (name: string, cidr: string[], home: string, stretchTo: string[], mtu = 1450) =>
    bus.request<NetworkView>(NETWORK_SUBJECTS.create, { name, cidr, homeSite: site[home], stretchTo: stretchTo.map((s) => site[s]), mtu }, meta(), { timeoutMs: 30000 });
  const getNetwork = (id: string, tenant = 'acme') => bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id }, meta(tenant));
  const stateOf = (n: NetworkView, name: string) => n.sites.find((s) => s.site === site[name]);
  const untilAllActive = (id: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const n = await getNetwork(id);
        assert.ok(n.sites.every((s) => s.state === 'active'), JSON.stringify(n.sites));
        return n;
      },
      { timeoutMs },
    );
  const namedOn = (siteName: string, name: string) => [...sim.admin.site(siteName).model.networks.values()].find((n) => n.name === name);
  const simNetwork = (siteName: string, networkId: string) => namedOn(siteName, vimNetworkName(networkId));

  it('stretches a network from its openstack home to the vsphere and kubevirt sites with one VNI', async () => {
    const created = await createNetwork('blue', ['172.16.1.0/24'], 'site-1', ['site-2', 'site-3']);
    assert.equal(created.sites.length, 3);
    assert.ok(created.sites.every((s) => s.state === 'validating'));
    assert.ok(created.segmentation.id >= 10000);
    assert.deepEqual(created.routeTargets.import, [`target:64512:${created.segmentation.id}`]);
    const n = await untilAllActive(created.id);
    for (const name of ['site-1', 'site-2', 'site-3']) {
      const onSite = simNetwork(name, created.id);
      assert.ok(onSite, `${name} has the network`);
      assert.equal(onSite.segment.id, created.segmentation.id);
      assert.equal(await core.ledger.segmentOf('vxlan', created.id), created.segmentation.id);
      assert.equal(stateOf(n, name)?.vimNetworkId !== null, true);
    }
    const other = await createNetwork('green', ['172.16.2.0/24'], 'site-2', ['site-1']);
    assert.notEqual(other.segmentation.id, created.segmentation.id, 'VNIs are unique across the federation');
    await untilAllActive(other.id);
  });

  it('gives a port on each site a MAC/IP from the home VIM, all distinct and held by the home VIM', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'blue' }, meta())).items[0];
    const ports: PortView[] = [];
    for (const name of ['site-1', 'site-2', 'site-3']) {
      ports.push(await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site[name], name: `vm-${name}` }, meta(), { timeoutMs: 30000 }));
    }
    const ips = ports.map((p) => p.ips[0]);
    assert.equal(new Set(ips).size, 3, `distinct: ${ips}`);
    assert.equal(new Set(ports.map((p) => p.mac)).size, 3);
    const homeNet = simNetwork('site-1', n.id)!;
    const homePorts = [...sim.admin.site('site-1').model.portsOf(homeNet.id)];
    for (const p of ports) assert.ok(homePorts.some((hp) => hp.ip === p.ips[0] && hp.mac === p.mac), `home VIM holds ${p.ips[0]}`);
    for (const [i, name] of ['site-2', 'site-3'].entries()) {
      const peerPorts = [...sim.admin.site(name).model.portsOf(simNetwork(name, n.id)!.id)];
      assert.deepEqual(peerPorts.map((pp) => [pp.ip, pp.mac]), [[ports[i + 1].ips[0], ports[i + 1].mac]], `${name} port uses the home allocation`);
    }
    const ledger = await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId: `${n.id}-v4` }, meta());
    assert.deepEqual(ledger.items.map((a) => a.address).sort(), [...ips].sort());
    assert.ok(ledger.items.every((a) => a.source === 'home-vim'));
    // the ledger and the VIM agree: Vorch will not hand out what the home VIM gave
    await assert.rejects(
      bus.request(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'other', address: ips[1] }, meta()),
      (err: VorchError) => err.code === 'ADDRESS.TAKEN' && err.status === 409 && err.message.includes(ports[1].id),
    );
  });

  it('keeps a peer that does not answer activating with retries, and activates it once it is back', async () => {
    sim.admin.setFaults('site-3', { unreachable: true });
    try {
      const created = await createNetwork('red', ['172.16.3.0/24'], 'site-1', ['site-2', 'site-3']);
      const waiting = await eventually(
        async () => {
          const n = await getNetwork(created.id);
          assert.equal(stateOf(n, 'site-2')?.state, 'active');
          const s3 = stateOf(n, 'site-3')!;
          assert.ok(s3.retry && s3.retry.attempt >= 2, JSON.stringify(s3));
          return s3;
        },
        { timeoutMs: 20000 },
      );
      assert.notEqual(waiting.state, 'active');
      assert.ok(waiting.retry!.lastError.length > 0);
      assert.equal(simNetwork('site-3', created.id), undefined);
      sim.admin.clearFaults('site-3');
      await untilAllActive(created.id);
      assert.ok(simNetwork('site-3', created.id));
    } finally {
      sim.admin.clearFaults('site-3');
    }
  });

  it('detects a network deleted behind its back as drift and re-creates it', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'green' }, meta())).items[0];
    const before = stateOf(n, 'site-1')!.vimNetworkId;
    sim.admin.deleteResource('site-1', 'network', vimNetworkName(n.id));
    assert.equal(simNetwork('site-1', n.id), undefined);
    await core.loop.checkDrift(n.id);
    const events = [];
    for await (const { commit } of core.networkStore.store.readAggregate('network', n.id)) events.push(...commit.events.map((e) => e.type));
    assert.ok(events.includes('DriftDetected'), events.join());
    const repaired = await untilAllActive(n.id);
    assert.ok(simNetwork('site-1', n.id), 're-created');
    assert.notEqual(stateOf(repaired, 'site-1')!.vimNetworkId, before);
    assert.ok(events.length > 0);
  });

  it('degrades the peers when the home network is deleted behind its back, and a renamed network is reported as changed', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'blue' }, meta())).items[0];
    sim.admin.deleteResource('site-1', 'network', vimNetworkName(n.id));
    await core.loop.checkDrift(n.id);
    const events: string[] = [];
    for await (const { commit } of core.networkStore.store.readAggregate('network', n.id)) {
      for (const e of commit.events) events.push(e.type === 'SiteDegraded' ? `SiteDegraded:${(e.data as { reason: string }).reason}` : e.type);
    }
    assert.ok(events.includes('DriftDetected') && events.filter((e) => e === 'SiteDegraded:peer-missing').length === 2, events.join());
    await untilAllActive(n.id);
    assert.ok(simNetwork('site-1', n.id), 'home re-created');

    // vsphere keeps a network's id through a rename (kubevirt's id is its name: a rename there reads as a deletion)
    const renamedOn = (await getNetwork(n.id)).sites.find((s) => s.site === site['site-2'])!;
    sim.admin.renameNetwork('site-2', renamedOn.vimNetworkId!, 'someone-else');
    await core.loop.checkDrift(n.id);
    const after = stateOf(await getNetwork(n.id), 'site-2')!;
    assert.equal(after.state, 'degraded');
    assert.equal(after.degradedReason, 'drift-changed');
    // it carries a port: re-creating it would cut that port off, so it stays degraded and says why
    await eventually(async () => {
      const s2 = stateOf(await getNetwork(n.id), 'site-2')!;
      assert.equal(s2.state, 'degraded');
      assert.match(s2.failure ?? '', /changed outside Vorch.*1 port\(s\) depend on it/);
    }, { timeoutMs: 30_000 });
    assert.ok(namedOn('site-2', 'someone-else'), 'the changed network was left in place');
  });

  it('restores a network changed behind its back that carries no port by re-creating it', async () => {
    const n = await createNetwork('cyan', ['172.16.10.0/24'], 'site-1', ['site-2']);
    const before = stateOf(await untilAllActive(n.id), 'site-2')!.vimNetworkId!;
    sim.admin.renameNetwork('site-2', before, 'renamed-cyan');
    await core.loop.checkDrift(n.id);
    const repaired = await untilAllActive(n.id);
    const now = stateOf(repaired, 'site-2')!;
    assert.notEqual(now.vimNetworkId, before, 'a new network on the site');
    assert.equal(now.failure, null);
    assert.ok(simNetwork('site-2', n.id), 'the re-created network carries the derived name');
    assert.equal(namedOn('site-2', 'renamed-cyan'), undefined, 'the changed one is gone');
    assert.equal(simNetwork('site-2', n.id)?.segment.id, n.segmentation.id);
  });

  it('deletes a port on its site and on the home VIM, and its address is free again', async () => {
    const n = await createNetwork('teal', ['172.16.11.0/24'], 'site-1', ['site-2', 'site-3']);
    await untilAllActive(n.id);
    const poolId = `${n.id}-v4`;
    const port = await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-2'], name: 'vm-a' }, meta(), { timeoutMs: 30000 });
    assert.deepEqual((await bus.request<{ items: PortView[] }>(NETWORK_SUBJECTS.listPorts, { networkId: n.id }, meta())).items, [port]);
    assert.ok(sim.admin.site('site-2').model.ports.get(port.vimPortId));
    assert.ok(sim.admin.site('site-1').model.ports.get(port.homeVimPortId));

    await bus.request(NETWORK_SUBJECTS.deletePort, { networkId: n.id, portId: port.id }, meta(), { timeoutMs: 30000 });
    assert.equal(sim.admin.site('site-2').model.ports.get(port.vimPortId), undefined, 'gone on its site');
    assert.equal(sim.admin.site('site-1').model.ports.get(port.homeVimPortId), undefined, 'reservation gone on the home VIM');
    assert.deepEqual((await bus.request<{ items: PortView[] }>(NETWORK_SUBJECTS.listPorts, { networkId: n.id }, meta())).items, []);
    assert.deepEqual((await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId }, meta())).items, []);
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.deletePort, { networkId: n.id, portId: port.id }, meta()),
      (err: VorchError) => err.status === 404,
    );
    // the address can be handed out again: by the ledger, and by the home VIM to a new port
    const again = await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId: 'probe', address: port.ips[0] }, meta());
    assert.equal(again.address, port.ips[0]);
    await bus.request(IPAM_SUBJECTS.release, { poolId, address: port.ips[0], portId: 'probe' }, meta());
    const next = await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-3'], name: 'vm-b' }, meta(), { timeoutMs: 30000 });
    assert.ok(sim.admin.site('site-3').model.ports.get(next.vimPortId));
  });

  it('deleting a network with ports on all three sites deletes the ports first, tears every side down and releases the VNI', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'teal' }, meta())).items[0];
    for (const name of ['site-1', 'site-2']) {
      await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site[name], name: `vm-${name}` }, meta(), { timeoutMs: 30000 });
    }
    const ports = (await bus.request<{ items: PortView[] }>(NETWORK_SUBJECTS.listPorts, { networkId: n.id }, meta())).items;
    assert.deepEqual(ports.map((p) => p.site).sort(), [site['site-1'], site['site-2'], site['site-3']].sort());
    const vimNetworks = Object.fromEntries(['site-1', 'site-2', 'site-3'].map((name) => [name, simNetwork(name, n.id)!.id]));
    await bus.request(NETWORK_SUBJECTS.delete, { id: n.id }, meta());
    await eventually(async () => assert.equal((await getNetwork(n.id)).status, 'deleted'), { timeoutMs: 30000 });
    for (const name of ['site-1', 'site-2', 'site-3']) {
      assert.equal(simNetwork(name, n.id), undefined, `${name} network gone`);
      assert.equal(sim.admin.site(name).model.portsOf(vimNetworks[name]).size, 0, `${name} ports gone`);
    }
    for (const p of ports) {
      assert.equal(sim.admin.site('site-1').model.ports.get(p.homeVimPortId), undefined);
    }
    assert.deepEqual((await bus.request<{ items: PortView[] }>(NETWORK_SUBJECTS.listPorts, { networkId: n.id }, meta())).items, []);
    await eventually(async () => assert.equal(await core.ledger.segmentOf('vxlan', n.id), undefined, 'the VNI is free again'), { timeoutMs: 30_000 });
  });

  it('answers 409 when a pool is exhausted and when a specific address is taken, naming the holder', async () => {
    const n = await createNetwork('tiny', ['172.16.4.0/29'], 'site-1', []);
    await untilAllActive(n.id); // direct allocations are made by the home VIM, on its network
    const poolId = `${n.id}-v4`;
    const got: string[] = [];
    for (let i = 0; i < 5; i++) got.push((await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId: `p${i}` }, meta())).address);
    assert.deepEqual(got, ['172.16.4.2', '172.16.4.3', '172.16.4.4', '172.16.4.5', '172.16.4.6']);
    await assert.rejects(bus.request(IPAM_SUBJECTS.allocate, { poolId, portId: 'p5' }, meta()), (err: VorchError) => err.code === 'POOL.EXHAUSTED' && err.status === 409);
    await bus.request(IPAM_SUBJECTS.release, { poolId, address: '172.16.4.4', portId: 'p2' }, meta());
    await assert.rejects(
      bus.request(IPAM_SUBJECTS.allocate, { poolId, portId: 'p9', address: '172.16.4.5' }, meta()),
      (err: VorchError) => err.code === 'ADDRESS.TAKEN' && err.status === 409 && err.message.includes('p3'),
    );
    const specific = await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId: 'p9', address: '172.16.4.4' }, meta());
    assert.equal(specific.address, '172.16.4.4');
  });

  it('gives 64 parallel allocations on one /24 64 distinct addresses and no error', async () => {
    const n = await createNetwork('busy', ['172.16.5.0/24'], 'site-2', []);
    await untilAllActive(n.id);
    const poolId = `${n.id}-v4`;
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId: `port-${i}` }, meta(), { timeoutMs: 30000 })),
    );
    assert.equal(new Set(results.map((r) => r.address)).size, 64);
    const listed = await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId }, meta());
    assert.equal(listed.items.length, 64);
  });

  it('refuses bad input naming the field, and unknown sites', async () => {
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.create, { name: 'Bad Name', cidr: [], homeSite: 'x', stretchTo: 'y', mtu: 20000 }, meta()),
      (err: unknown) => err instanceof ValidationError && ['name', 'cidr', 'homeSite', 'stretchTo', 'mtu'].every((f) => err.errors!.some((e) => e.field === f)),
    );
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.create, { name: 'badcidr', cidr: ['10.0.0.5/24', 'fd00::/129'], homeSite: '01ARZ3NDEKTSV4RRFFQ69G5FAV', stretchTo: [], mtu: 1500 }, meta()),
      (err: unknown) =>
        err instanceof ValidationError &&
        ['cidr.0', 'cidr.1', 'homeSite'].every((f) => err.errors!.some((e) => e.field === f)) &&
        err.errors!.some((e) => e.field === 'cidr.0' && e.message.includes('did you mean 10.0.0.0/24')),
    );
    const held = await core.ledger.segmentsHeld('vxlan');
    await assert.rejects(createNetwork('twice', ['172.16.8.0/24'], 'site-1', ['site-2', 'site-2']), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'stretchTo');
    await assert.rejects(createNetwork('homeward', ['172.16.8.0/24'], 'site-1', ['site-1']), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'stretchTo');
    await assert.rejects(
      createNetwork('two-v4', ['172.16.8.0/24', '172.16.9.0/24'], 'site-1', []),
      (err: unknown) => err instanceof ValidationError && err.errors!.some((e) => e.field === 'cidr' && e.message.includes('more than one IPv4')),
    );
    assert.equal(await core.ledger.segmentsHeld('vxlan'), held, 'a refused request holds no VNI');
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.create, { name: 'ghost', cidr: ['172.16.9.0/24'], homeSite: '01ARZ3NDEKTSV4RRFFQ69G5FAV', stretchTo: [], mtu: 1500 }, meta()),
      (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'homeSite',
    );
    await assert.rejects(bus.request(IPAM_SUBJECTS.allocate, { poolId: 'nope', portId: 'p' }, meta()), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'poolId');
  });

  it('gives a create command sent again (also several at once) one network and one VNI', async () => {
    const held = await core.ledger.segmentsHeld('vxlan');
    const once = meta();
    const body = { name: 'resent', cidr: ['172.16.20.0/24'], homeSite: site['site-1'], stretchTo: [site['site-2']], mtu: 1450 };
    const send = () => bus.request<NetworkView>(NETWORK_SUBJECTS.create, body, once, { timeoutMs: 30000 });
    const answers = [...(await Promise.all([send(), send(), send()])), await send()];
    assert.equal(new Set(answers.map((n) => n.id)).size, 1, 'one network id');
    assert.equal(new Set(answers.map((n) => n.segmentation.id)).size, 1, 'one VNI');
    assert.equal(await core.ledger.segmentsHeld('vxlan'), held + 1);
    await untilAllActive(answers[0].id);
    const listed = await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'resent' }, meta());
    assert.deepEqual(listed.items.map((n) => n.id), [answers[0].id]);
    const other = await createNetwork('resent-2', ['172.16.21.0/24'], 'site-1', []);
    assert.notEqual(other.id, answers[0].id, 'another command is another network');
  });

  it('gives a port command sent again (also several at once) one port and one address; once that port is deleted, PORT.DELETED', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'resent' }, meta())).items[0];
    const once = meta();
    const send = () => bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-2'], name: 'again' }, once, { timeoutMs: 30000 });
    const ports = [...(await Promise.all([send(), send(), send()])), await send()];
    assert.equal(new Set(ports.map((p) => p.id)).size, 1, 'one port id');
    assert.equal(new Set(ports.map((p) => `${p.mac} ${p.ips.join()}`)).size, 1, 'one MAC and address');
    assert.equal([...sim.admin.site('site-1').model.portsOf(simNetwork('site-1', n.id)!.id)].length, 1, 'one reservation on the home VIM');
    assert.equal([...sim.admin.site('site-2').model.portsOf(simNetwork('site-2', n.id)!.id)].length, 1, 'one port on the site');
    const ledger = await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId: `${n.id}-v4` }, meta());
    assert.deepEqual(ledger.items.map((a) => a.portId), [ports[0].id]);

    await bus.request(NETWORK_SUBJECTS.deletePort, { networkId: n.id, portId: ports[0].id }, meta());
    await assert.rejects(send(), (err: VorchError) => err.code === 'PORT.DELETED' && err.status === 409 && err.message.includes(ports[0].id));
    const fresh = await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-2'], name: 'again' }, meta(), { timeoutMs: 30000 });
    assert.notEqual(fresh.id, ports[0].id, 'another command is another port');
  });

  it("hands out only what a subnet's allocation ranges allow, never its gateway or a reserved address, on the home VIM and in the ledger", async () => {
    const n = await bus.request<NetworkView>(
      NETWORK_SUBJECTS.create,
      {
        name: 'ranged',
        cidr: ['172.16.30.0/24'],
        homeSite: site['site-1'],
        stretchTo: [site['site-2']],
        subnets: [{ cidr: '172.16.30.0/24', gateway: '172.16.30.12', allocationRanges: [{ start: '172.16.30.10', end: '172.16.30.15' }], reserved: [{ start: '172.16.30.13', end: '172.16.30.14', reason: 'vrrp' }] }],
      },
      meta(),
      { timeoutMs: 30000 },
    );
    assert.deepEqual(n.subnets[0].allocationRanges, [{ start: '172.16.30.10', end: '172.16.30.15' }]);
    assert.deepEqual(n.subnets[0].reserved, [{ start: '172.16.30.13', end: '172.16.30.14', reason: 'vrrp' }]);
    assert.equal(n.subnets[0].gateway, '172.16.30.12');
    await untilAllActive(n.id);
    const homeNet = simNetwork('site-1', n.id)!;
    const port = (i: number) => bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-2'], name: `r-${i}` }, meta(), { timeoutMs: 30000 });
    const ports = [await port(1), await port(2)];
    const direct = await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'vip' }, meta(), { timeoutMs: 30000 });
    assert.deepEqual([...ports.map((p) => p.ips[0]), direct.address].sort(), ['172.16.30.10', '172.16.30.11', '172.16.30.15'], 'the VIM handed out the pool and nothing else');
    const onHome = [...sim.admin.site('site-1').model.portsOf(homeNet.id)].map((p) => p.ip).sort();
    assert.deepEqual(onHome, ['172.16.30.10', '172.16.30.11', '172.16.30.15']);
    // full: the next port and the next direct allocation are POOL.EXHAUSTED; a reserved address is ADDRESS.RESERVED
    await assert.rejects(port(3), (err: VorchError) => err.code === 'POOL.EXHAUSTED' && err.status === 409);
    await assert.rejects(
      bus.request(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'vip-2' }, meta(), { timeoutMs: 30000 }),
      (err: VorchError) => err.code === 'POOL.EXHAUSTED',
    );
    await assert.rejects(
      bus.request(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'vip-3', address: '172.16.30.13' }, meta(), { timeoutMs: 30000 }),
      (err: VorchError) => err.code === 'ADDRESS.RESERVED' && err.message.includes('vrrp'),
    );
    // a named address outside the ranges but inside the subnet is the operator's to take, as in Neutron
    const named = await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'vip-4', address: '172.16.30.100' }, meta(), { timeoutMs: 30000 });
    assert.equal(named.address, '172.16.30.100');
  });

  it('refuses bad subnet options naming the field, and takes nothing', async () => {
    const held = await core.ledger.segmentsHeld('vxlan');
    await assert.rejects(
      bus.request(
        NETWORK_SUBJECTS.create,
        {
          name: 'bad-ranges',
          cidr: ['172.16.31.0/24'],
          homeSite: site['site-1'],
          subnets: [
            { cidr: '172.16.31.0/24', allocationRanges: [{ start: '172.16.31.10', end: '172.16.31.30' }, { start: '172.16.31.20', end: '172.16.31.40' }] },
            { cidr: '172.16.99.0/24' },
          ],
        },
        meta(),
      ),
      (err: unknown) => err instanceof ValidationError && ['subnets.0', 'subnets.1.cidr'].every((f) => err.errors!.some((e) => e.field === f)),
    );
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.create, { name: 'bad-ranges', cidr: ['172.16.31.0/24'], homeSite: site['site-1'], subnets: [{ cidr: '172.16.31.0/24', allocationRanges: [{ start: 1 }] }] }, meta()),
      (err: unknown) => err instanceof ValidationError && ['subnets.0.allocationRanges.0.start', 'subnets.0.allocationRanges.0.end'].every((f) => err.errors!.some((e) => e.field === f)),
    );
    assert.equal(await core.ledger.segmentsHeld('vxlan'), held);
  });

  it('keeps tenants apart', async () => {
    const n = (await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, { name: 'blue' }, meta())).items[0];
    await assert.rejects(getNetwork(n.id, 'globex'), (err: VorchError) => err.status === 404);
    assert.deepEqual((await bus.request<{ items: NetworkView[] }>(NETWORK_SUBJECTS.list, {}, meta('globex'))).items, []);
  });

  it('adds a site, removes it, and deleting the network tears every side down and releases its VNI', async () => {
    const n = await createNetwork('violet', ['172.16.6.0/24'], 'site-3', ['site-1']);
    await untilAllActive(n.id);
    await bus.request(NETWORK_SUBJECTS.addSite, { id: n.id, site: site['site-2'] }, meta());
    await untilAllActive(n.id);
    assert.ok(simNetwork('site-2', n.id));
    await bus.request(NETWORK_SUBJECTS.removeSite, { id: n.id, site: site['site-2'] }, meta());
    await eventually(async () => assert.equal(stateOf(await getNetwork(n.id), 'site-2')?.state, 'torn-down'), { timeoutMs: 20000 });
    assert.equal(simNetwork('site-2', n.id), undefined);
    await bus.request(NETWORK_SUBJECTS.delete, { id: n.id }, meta());
    await eventually(async () => assert.equal((await getNetwork(n.id)).status, 'deleted'), { timeoutMs: 20000 });
    assert.equal(simNetwork('site-1', n.id), undefined);
    assert.equal(simNetwork('site-3', n.id), undefined);
    await eventually(
      async () => {
        assert.equal(await core.ledger.segmentOf('vxlan', n.id), undefined, 'the VNI is free again');
      },
      { timeoutMs: 30_000 },
    );
  });

  it('resumes a stitching left waiting when the service restarts (the process manager is its events)', async () => {
    sim.admin.setFaults('site-2', { unreachable: true });
    try {
      const created = await createNetwork('amber', ['172.16.7.0/24'], 'site-1', ['site-2']);
      await eventually(async () => assert.ok(stateOf(await getNetwork(created.id), 'site-2')?.retry), { timeoutMs: 20000 });
      await stack.stopStitching();
      sim.admin.clearFaults('site-2');
      await stack.startStitching();
      core = stack.core;
      const n = await untilAllActive(created.id);
      assert.ok(simNetwork('site-2', created.id));
      const onHome = [...sim.admin.site('site-1').model.networks.values()].filter((x) => x.name === vimNetworkName(created.id));
      assert.equal(onHome.length, 1, 'nothing was created twice');
      assert.equal(n.segmentation.id, created.segmentation.id);
    } finally {
      sim.admin.clearFaults('site-2');
    }
  });
});
