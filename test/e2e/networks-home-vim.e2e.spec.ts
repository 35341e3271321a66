import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IPAM_SUBJECTS,
  NETWORK_SUBJECTS,
  ValidationError,
  VorchError,
  type AllocationView,
  type CommandMeta,
  type MacPrefixView,
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
const meta = (commandId = `cmd-${Date.now()}-${seq++}`): CommandMeta => ({ commandId, tenantId: 'acme', correlationId: 'corr' });
const SITES = ['site-1', 'site-2', 'site-3', 'site-4'];

describe('direct allocations through the home VIM (real NATS, inventory on PostgreSQL, infra-sim over HTTP)', () => {
  let stack: NetworkStack;
  let sim: InfraSim;
  let core: NetworkStitchingCore;
  let bus: Bus;
  let site: Record<string, string> = {};

  before(async () => {
    stack = await startNetworkStack({ sites: 4, hostsPerSite: 2 });
    ({ sim, core, bus } = stack);
    site = await registerSites(stack, SITES, { domain: 'east', meta: () => meta() });
  });

  after(async () => {
    await stack?.stop();
  });

  /** A network homed on `home`, active there. */
  const activeNetwork = async (name: string, cidr: string, home: string, stretchTo: string[] = []): Promise<NetworkView> => {
    const n = await bus.request<NetworkView>(NETWORK_SUBJECTS.create, { name, cidr: [cidr], homeSite: site[home], stretchTo: stretchTo.map((s) => site[s]), mtu: 1450 }, meta(), { timeoutMs: 30000 });
    return eventually(
      async () => {
        const got = await bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id: n.id }, meta());
        assert.ok(got.sites.every((s) => s.state === 'active'), JSON.stringify(got.sites));
        return got;
      },
      { timeoutMs: 20000 },
    );
  };
  const allocate = (poolId: string, portId: string, address?: string, m = meta()) =>
    bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId, ...(address ? { address } : {}) }, m, { timeoutMs: 30000 });
  const release = (poolId: string, address: string, portId?: string) =>
    bus.request(IPAM_SUBJECTS.release, { poolId, address, ...(portId ? { portId } : {}) }, meta(), { timeoutMs: 30000 });
  const listed = async (poolId: string) => (await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId }, meta())).items;
  const homeNetOf = (siteName: string, networkId: string) => [...sim.admin.site(siteName).model.networks.values()].find((n) => n.name === vimNetworkName(networkId))!;
  /** The ports the home VIM holds on the network, by name. */
  const vimPorts = (siteName: string, networkId: string) => [...sim.admin.site(siteName).model.portsOf(homeNetOf(siteName, networkId).id)];
  const reservations = (siteName: string, networkId: string) => vimPorts(siteName, networkId).filter((p) => p.name.startsWith('vorch-alloc-'));

  it('allocates the next free address on the home VIM (a reservation port with that IP) and records it in the ledger', async () => {
    const n = await activeNetwork('nf', '172.20.1.0/24', 'site-1');
    const poolId = `${n.id}-v4`;
    const a = await allocate(poolId, 'client-a');
    assert.equal(a.source, 'home-vim');
    assert.equal(a.site, site['site-1']);
    assert.ok(a.allocationId && a.vimPortId && a.mac, JSON.stringify(a));
    const onVim = vimPorts('site-1', n.id).find((p) => p.id === a.vimPortId);
    assert.ok(onVim, 'the home VIM holds the reservation port');
    assert.equal(onVim.name, `vorch-alloc-${a.allocationId}`);
    assert.equal(onVim.ip, a.address);
    assert.equal(onVim.mac, a.mac);
    assert.deepEqual(await listed(poolId), [a]);
    assert.deepEqual([...(await core.addresses.knownVimPortIds(n.id)).entries()], [[a.vimPortId, a.allocationId]]);
    // the port already holds an address in this pool: asked again, it gets the same one, without a second VIM port
    assert.deepEqual(await allocate(poolId, 'client-a'), a);
    assert.equal(reservations('site-1', n.id).length, 1);
  });

  it('allocates a named address on the home VIM; the same address again is refused from the ledger, naming the holder', async () => {
    const n = await activeNetwork('named', '172.20.2.0/24', 'site-1');
    const poolId = `${n.id}-v4`;
    const a = await allocate(poolId, 'holder', '172.20.2.77');
    assert.equal(a.address, '172.20.2.77');
    assert.equal(vimPorts('site-1', n.id).find((p) => p.id === a.vimPortId)?.ip, '172.20.2.77');
    const before = vimPorts('site-1', n.id).length;
    await assert.rejects(allocate(poolId, 'intruder', '172.20.2.77'), (err: VorchError) => err.code === 'ADDRESS.TAKEN' && err.status === 409 && err.message.includes('holder'));
    assert.equal(vimPorts('site-1', n.id).length, before, 'no VIM call for what the ledger refuses');
    await assert.rejects(allocate(poolId, 'holder', '172.20.2.78'), (err: VorchError) => err.code === 'PORT.ALREADY_ALLOCATED');
  });

  for (const home of ['site-1', 'site-2', 'site-3']) {
    it(`maps what the ${home} VIM says about a taken address and an exhausted subnet to ADDRESS.TAKEN and POOL.EXHAUSTED`, async () => {
      const n = await activeNetwork(`full-${home}`, `172.20.${10 + SITES.indexOf(home)}.0/29`, home);
      const poolId = `${n.id}-v4`;
      const prefix = `172.20.${10 + SITES.indexOf(home)}`;
      // someone takes .5 on the VIM behind Vorch's back: the ledger does not know, the VIM refuses
      const vimNetId = homeNetOf(home, n.id).id;
      const outsider = sim.admin.site(home).networking.createPort({ networkId: vimNetId, ip: `${prefix}.5`, name: 'outsider' });
      await assert.rejects(allocate(poolId, 'p-taken', `${prefix}.5`), (err: VorchError) => {
        assert.equal(err.code, 'ADDRESS.TAKEN', `${stack.dialectOf(home)}: ${err.code} ${err.message}`);
        assert.equal(err.status, 409);
        assert.match(String(err.details?.holder), /held on the home VIM outside Vorch by port .+ \(outsider\)/);
        const vimPort = err.details?.vimPort as { vimPortId: string; name: string } | undefined;
        assert.equal(vimPort?.name, 'outsider', 'the VIM port holding the address is named');
        assert.ok(vimPort.vimPortId.length > 0 && (stack.dialectOf(home) !== 'openstack' || vimPort.vimPortId === outsider.id));
        return true;
      });
      // the VIM has 5 hosts (.2-.6), one held outside Vorch: four allocations fit, the fifth finds the VIM exhausted
      for (let i = 0; i < 4; i++) await allocate(poolId, `p${i}`);
      await assert.rejects(allocate(poolId, 'p-late'), (err: VorchError) => {
        assert.equal(err.code, 'POOL.EXHAUSTED', `${stack.dialectOf(home)}: ${err.code} ${err.message}`);
        assert.equal(err.status, 409);
        return true;
      });
      assert.equal((await listed(poolId)).length, 4, 'nothing recorded for the refused ones');
      assert.equal(reservations(home, n.id).length, 4, 'no reservation port left behind');
    });
  }

  it('answers POOL.EXHAUSTED from the ledger without asking the VIM once the pool is full', async () => {
    const n = await activeNetwork('tiny', '172.20.3.0/29', 'site-1');
    const poolId = `${n.id}-v4`;
    for (let i = 0; i < 5; i++) await allocate(poolId, `t${i}`);
    await assert.rejects(allocate(poolId, 't5'), (err: VorchError) => err.code === 'POOL.EXHAUSTED' && err.status === 409);
    assert.equal(vimPorts('site-1', n.id).length, 5);
  });

  it('releases a direct allocation: the reservation port is deleted on the home VIM, the address and MAC are free again', async () => {
    const n = await activeNetwork('rel', '172.20.4.0/24', 'site-2');
    const poolId = `${n.id}-v4`;
    const a = await allocate(poolId, 'r1');
    await assert.rejects(release(poolId, a.address, 'someone-else'), (err: VorchError) => err.code === 'ADDRESS.NOT_HELD');
    await release(poolId, a.address, 'r1');
    assert.equal(sim.admin.site('site-2').model.ports.get(a.vimPortId!), undefined, 'reservation gone on the home VIM');
    assert.deepEqual(await listed(poolId), []);
    assert.equal((await core.ledger.loadMacRegistry()).table.allocationAt(BigInt(`0x${a.mac!.replaceAll(':', '')}`)), undefined, 'MAC released');
    await release(poolId, a.address, 'r1'); // a repeat finds it free: nothing to do
    const again = await allocate(poolId, 'r2', a.address);
    assert.equal(again.address, a.address);
  });

  it('finishes a release whose VIM port was already deleted (a retry after a crash)', async () => {
    const n = await activeNetwork('rel2', '172.20.5.0/24', 'site-3');
    const poolId = `${n.id}-v4`;
    const a = await allocate(poolId, 'gone');
    sim.admin.site('site-3').networking.deletePort(a.vimPortId!);
    await release(poolId, a.address);
    assert.deepEqual(await listed(poolId), []);
  });

  it('refuses to release the address of a stitched port, telling the caller to delete the port', async () => {
    const n = await activeNetwork('stitched', '172.20.6.0/24', 'site-1', ['site-2']);
    const port = await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-2'], name: 'vm-1' }, meta(), { timeoutMs: 30000 });
    await assert.rejects(release(`${n.id}-v4`, port.ips[0]), (err: VorchError) => {
      assert.equal(err.code, 'ADDRESS.HELD_BY_PORT');
      assert.equal(err.status, 409);
      assert.ok(err.message.includes(port.id) && err.message.includes('delete the port'), err.message);
      return true;
    });
    assert.ok(sim.admin.site('site-1').model.ports.get(port.homeVimPortId), 'the port is untouched');
  });

  it('gives the same command sent twice (also at once) one VIM port and one answer', async () => {
    const n = await activeNetwork('idem', '172.20.7.0/24', 'site-1');
    const poolId = `${n.id}-v4`;
    const m = meta('acme/idempotency-key-1');
    const [a, b] = await Promise.all([allocate(poolId, 'i1', undefined, m), allocate(poolId, 'i1', undefined, m)]);
    const c = await allocate(poolId, 'i1', undefined, m);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal(reservations('site-1', n.id).length, 1);
    assert.equal((await listed(poolId)).length, 1);
  });

  it('gives 64 parallel allocations on one /24 64 distinct addresses, each held on the home VIM, and no error', async () => {
    const n = await activeNetwork('busy', '172.20.8.0/24', 'site-1');
    const poolId = `${n.id}-v4`;
    const got = await Promise.all(Array.from({ length: 64 }, (_, i) => allocate(poolId, `par-${i}`)));
    assert.equal(new Set(got.map((a) => a.address)).size, 64);
    assert.equal(new Set(got.map((a) => a.mac)).size, 64);
    const onVim = new Set(reservations('site-1', n.id).map((p) => p.ip));
    assert.ok(got.every((a) => onVim.has(a.address)));
    assert.equal(onVim.size, 64);
    assert.equal((await listed(poolId)).length, 64);
  });

  it('answers 503 with nothing recorded when the home site does not answer', async () => {
    const n = await activeNetwork('down', '172.20.9.0/24', 'site-2');
    const poolId = `${n.id}-v4`;
    sim.admin.setFaults('site-2', { unreachable: true });
    try {
      await assert.rejects(allocate(poolId, 'd1'), (err: VorchError) => err.code === 'HOME_SITE.UNREACHABLE' && err.status === 503);
    } finally {
      sim.admin.clearFaults('site-2');
    }
    assert.deepEqual(await listed(poolId), []);
    assert.equal((await allocate(poolId, 'd1')).source, 'home-vim', 'the same request works once the site is back');
  });

  it('refuses an allocation before the home network is active, and bad input naming the field', async () => {
    await assert.rejects(allocate('nope', 'p'), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'poolId');
    const n = await activeNetwork('bad', '172.20.15.0/24', 'site-1');
    await assert.rejects(allocate(`${n.id}-v4`, 'has space'), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'portId');
    await assert.rejects(allocate(`${n.id}-v4`, 'p', '10.0.0.1'), (err: VorchError) => err.code === 'ADDRESS.OUT_OF_RANGE' && err.status === 400);
    const other = await bus.request<NetworkView>(NETWORK_SUBJECTS.create, { name: 'young', cidr: ['172.20.16.0/24'], homeSite: site['site-1'], stretchTo: [], mtu: 1450 }, meta(), { timeoutMs: 30000 });
    const early = await allocate(`${other.id}-v4`, 'p').catch((err: VorchError) => err);
    // Stitching may already have finished; if not, the refusal says why.
    if (early instanceof VorchError) assert.equal(early.code, 'NETWORK.SITE_NOT_ACTIVE');
    await assert.rejects(bus.request(IPAM_SUBJECTS.allocate, { poolId: `${n.id}-v4`, portId: 'p' }, { ...meta(), tenantId: 'globex' }), (err: VorchError) => err.status === 404);
  });

  it('deleting a network with direct allocations deletes their reservation ports on the home VIM first', async () => {
    const n = await activeNetwork('doomed', '172.20.17.0/24', 'site-1');
    const poolId = `${n.id}-v4`;
    const a = await allocate(poolId, 'x1');
    await allocate(poolId, 'x2');
    await bus.request(NETWORK_SUBJECTS.delete, { id: n.id }, meta());
    await eventually(async () => assert.equal((await bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id: n.id }, meta())).status, 'deleted'), { timeoutMs: 30000 });
    assert.equal(sim.admin.site('site-1').model.ports.get(a.vimPortId!), undefined);
    assert.equal([...sim.admin.site('site-1').model.networks.values()].some((x) => x.name === vimNetworkName(n.id)), false);
  });

  it('registers each site\'s MAC prefix once, refuses an overlapping one naming the other site, and bad prefixes as 400', async () => {
    const own = sim.admin.describeSite('site-1').macPrefix;
    const set = (siteId: string, prefix: string) => bus.request<MacPrefixView>(IPAM_SUBJECTS.setMacPrefix, { siteId, prefix }, meta());
    const assigned = await set(site['site-1'], own);
    assert.equal(assigned.site, site['site-1']);
    assert.equal(assigned.prefix, `${own}:00:00:00/24`);
    assert.deepEqual(await set(site['site-1'], own), assigned, 'the same prefix again is a no-op');
    await assert.rejects(set(site['site-2'], `${own}:80`), (err: VorchError) => {
      assert.equal(err.code, 'MAC_PREFIX.OVERLAP');
      assert.equal(err.status, 409);
      assert.equal(err.details?.site, site['site-1']);
      return true;
    });
    await assert.rejects(set(site['site-2'], 'zz:zz'), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'prefix');
    await assert.rejects(set(site['site-2'], '03:00:00'), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'prefix' && /multicast/.test(err.errors![0].message));
    await assert.rejects(set('01ARZ3NDEKTSV4RRFFQ69G5FAV', '02:77:00'), (err: unknown) => err instanceof ValidationError && err.errors![0].field === 'siteId');
    const list = await bus.request<{ items: MacPrefixView[] }>(IPAM_SUBJECTS.listMacPrefixes, {}, meta());
    assert.deepEqual(list.items, [assigned]);
    // the VIM's MACs are inside its prefix: allocations go on as before
    const n = await activeNetwork('inside', '172.20.18.0/24', 'site-1');
    assert.ok((await allocate(`${n.id}-v4`, 'm1')).mac!.startsWith(own));
  });

  it('refuses a MAC the home VIM hands out outside its registered prefix, for allocations and ports, and undoes the VIM port', async () => {
    // site-4's VIM hands out MACs from its own prefix; Vorch is told another one
    await bus.request(IPAM_SUBJECTS.setMacPrefix, { siteId: site['site-4'], prefix: '02:ee:ee' }, meta());
    const n = await activeNetwork('outside', '172.20.19.0/24', 'site-4', ['site-1']);
    const poolId = `${n.id}-v4`;
    await assert.rejects(allocate(poolId, 'o1'), (err: VorchError) => {
      assert.equal(err.code, 'MAC.OUTSIDE_PREFIX');
      assert.equal(err.status, 409);
      assert.equal(err.details?.site, site['site-4']);
      return true;
    });
    await assert.rejects(
      bus.request(NETWORK_SUBJECTS.createPort, { networkId: n.id, site: site['site-1'], name: 'vm-o' }, meta(), { timeoutMs: 30000 }),
      (err: VorchError) => err.code === 'MAC.OUTSIDE_PREFIX',
    );
    assert.equal(vimPorts('site-4', n.id).length, 0, 'both VIM ports were undone');
    assert.deepEqual(await listed(poolId), []);
  });
});
