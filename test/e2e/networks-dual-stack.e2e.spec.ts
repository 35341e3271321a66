import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IPAM_SUBJECTS, NETWORK_SUBJECTS, type AllocationView, type CommandMeta, type NetworkView, type PortView } from '#vorch/contracts';
import { cidrContains, parseCidr, parseIp } from '#vorch/ipam-domain';
import type { Bus } from '#vorch/messaging';
import { eventually } from '#vorch/testing';
import type { InfraSim } from '#vorch/infra-sim';
import { vimNetworkName } from '../../apps/network-stitching/src/stitching/vim-network-shape.js';
import { startNetworkStack, type NetworkStack } from '../support/network-stack.js';
import { registerSites } from '../support/register-sites.js';

let seq = 0;
const meta = (): CommandMeta => ({ commandId: `cmd-${Date.now()}-${seq++}`, tenantId: 'acme', correlationId: 'corr' });
const SITES = ['site-1', 'site-2', 'site-3'];
const V4 = '172.30.1.0/24';
const V6 = 'fd00:30:1::/64';

const familyOf = (ip: string) => parseIp(ip).family;
const inCidr = (ip: string, cidr: string) => cidrContains(parseCidr(cidr), parseIp(ip));
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('dual-stack networks on the VIM path (openstack home, vsphere and kubevirt peers; real NATS, PostgreSQL, infra-sim over HTTP)', () => {
  let stack: NetworkStack;
  let sim: InfraSim;
  let bus: Bus;
  let site: Record<string, string> = {};
  let network: NetworkView;

  before(async () => {
    stack = await startNetworkStack({ sites: 3, hostsPerSite: 2 });
    ({ sim, bus } = stack);
    site = await registerSites(stack, SITES, { domain: 'east', meta: () => meta() });
    const created = await bus.request<NetworkView>(
      NETWORK_SUBJECTS.create,
      { name: 'ds', cidr: [V4, V6], homeSite: site['site-1'], stretchTo: [site['site-2'], site['site-3']], mtu: 1450 },
      meta(),
      { timeoutMs: 30000 },
    );
    network = await eventually(
      async () => {
        const got = await bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id: created.id }, meta());
        assert.ok(got.sites.every((s) => s.state === 'active'), JSON.stringify(got.sites));
        return got;
      },
      { timeoutMs: 30000 },
    );
  });

  after(async () => {
    await stack?.stop();
  });

  const simNetworkOf = (siteName: string) => [...sim.admin.site(siteName).model.networks.values()].find((n) => n.name === vimNetworkName(network.id))!;
  const simPortsOf = (siteName: string) => [...sim.admin.site(siteName).model.portsOf(simNetworkOf(siteName).id)];
  const cidrsOn = (siteName: string) => simNetworkOf(siteName).subnetIds.map((id) => sim.admin.site(siteName).model.requireSubnet(id).cidr);
  const allocate = (poolId: string, portId: string) =>
    bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId, portId }, meta(), { timeoutMs: 30000 });
  const allocations = async (poolId: string) => (await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId }, meta())).items;

  it('creates the network on every site, in each dialect, with both its IPv4 and its IPv6 subnet', () => {
    for (const name of SITES) assert.deepEqual(sorted(cidrsOn(name)), sorted([V4, V6]), `${name} (${stack.dialectOf(name)})`);
  });

  it('gives a port on each site an IPv4 and an IPv6 address from the home VIM, all distinct, and the same MAC and both IPs on its own site', async () => {
    const ports: PortView[] = [];
    for (const name of SITES) {
      ports.push(await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: network.id, site: site[name], name: `vm-${name}` }, meta(), { timeoutMs: 30000 }));
    }
    for (const p of ports) {
      assert.deepEqual(p.ips.map(familyOf).sort(), [4, 6], JSON.stringify(p.ips));
      assert.ok(inCidr(p.ips.find((ip) => familyOf(ip) === 4)!, V4) && inCidr(p.ips.find((ip) => familyOf(ip) === 6)!, V6), JSON.stringify(p.ips));
    }
    const all = ports.flatMap((p) => p.ips);
    assert.equal(new Set(all).size, 6, `distinct: ${all}`);
    assert.equal(new Set(ports.map((p) => p.mac)).size, 3);

    // the home VIM holds every address: the home site's port and a reservation for each peer's port, both families each
    const home = simPortsOf('site-1');
    for (const p of ports) {
      const holder = home.find((hp) => hp.mac === p.mac);
      assert.ok(holder, `home VIM holds a port with ${p.mac}`);
      assert.deepEqual(sorted(holder.fixedIps.map((f) => f.ip)), sorted(p.ips), `home VIM holds ${p.ips}`);
    }
    // each peer's port carries the home allocation whole: its MAC and both of its addresses
    for (const [i, name] of ['site-2', 'site-3'].entries()) {
      const mine = ports[i + 1]!;
      const onSite = simPortsOf(name);
      assert.equal(onSite.length, 1, `${name} (${stack.dialectOf(name)}) has the one port`);
      assert.deepEqual([onSite[0]!.mac, sorted(onSite[0]!.fixedIps.map((f) => f.ip))], [mine.mac, sorted(mine.ips)], `${name} (${stack.dialectOf(name)})`);
    }
    // the ledger records each address in the pool of its family
    assert.deepEqual(sorted((await allocations(`${network.id}-v4`)).map((a) => a.address)), sorted(all.filter((ip) => familyOf(ip) === 4)));
    assert.deepEqual(sorted((await allocations(`${network.id}-v6`)).map((a) => a.address)), sorted(all.filter((ip) => familyOf(ip) === 6)));
  });

  it('allocates directly from the IPv6 pool an IPv6 address, reserved on the home VIM by a port holding only it', async () => {
    const a = await allocate(`${network.id}-v6`, 'direct-6');
    assert.equal(a.source, 'home-vim');
    assert.equal(familyOf(a.address), 6, a.address);
    assert.ok(inCidr(a.address, V6), a.address);
    const reservation = simPortsOf('site-1').find((p) => p.id === a.vimPortId);
    assert.ok(reservation, 'the home VIM holds the reservation port');
    assert.deepEqual(reservation.fixedIps.map((f) => f.ip), [a.address], 'only an address of the pool asked from');
    assert.ok((await allocations(`${network.id}-v6`)).some((x) => x.address === a.address && x.portId === 'direct-6'));
    assert.ok(!(await allocations(`${network.id}-v4`)).some((x) => x.portId === 'direct-6'), 'nothing taken from the IPv4 pool');
  });

  it('allocates directly from the IPv4 pool an IPv4 address only, as before', async () => {
    const a = await allocate(`${network.id}-v4`, 'direct-4');
    assert.equal(familyOf(a.address), 4, a.address);
    assert.ok(inCidr(a.address, V4), a.address);
    assert.deepEqual(simPortsOf('site-1').find((p) => p.id === a.vimPortId)?.fixedIps.map((f) => f.ip), [a.address]);
    assert.ok(!(await allocations(`${network.id}-v6`)).some((x) => x.portId === 'direct-4'));
  });
});
