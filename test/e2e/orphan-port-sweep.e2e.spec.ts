import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Counter } from 'prom-client';
import { ulid } from 'ulid';
import { IPAM_SUBJECTS, NETWORK_SUBJECTS, type AllocationView, type CommandMeta, type NetworkView, type PortView } from '#vorch/contracts';
import { KvLease, type Bus } from '#vorch/messaging';
import { metricsRegistry } from '#vorch/telemetry';
import { eventually } from '#vorch/testing';
import type { NetworkStitchingCore } from '../../apps/network-stitching/src/network-stitching.core.js';
import { PoolWriter } from '../../apps/network-stitching/src/address-manager/pool-writer.js';
import { OrphanAddresses } from '../../apps/network-stitching/src/stitching/orphan-addresses.js';
import { OrphanPortSweeper } from '../../apps/network-stitching/src/stitching/orphan-port-sweeper.js';
import { OrphanSegments } from '../../apps/network-stitching/src/stitching/orphan-segments.js';
import { PortRegistry } from '../../apps/network-stitching/src/stitching/port-registry.js';
import { VimClient } from '../../apps/network-stitching/src/stitching/vim-client.js';
import { startNetworkStack, type NetworkStack } from '../support/network-stack.js';
import { registerSites } from '../support/register-sites.js';

let seq = 0;
const meta = (): CommandMeta => ({ commandId: `cmd-${Date.now()}-${seq++}`, tenantId: 'acme', correlationId: 'corr' });
const GRACE = 60000;

async function deletedSoFar(): Promise<number> {
  const metric = metricsRegistry.getSingleMetric('vorch_orphan_ports_deleted_total') as Counter | undefined;
  return metric ? (await metric.get()).values.reduce((s, v) => s + v.value, 0) : 0;
}

describe('orphan port sweep: a port created on a VIM but never recorded (real NATS, inventory, infra-sim)', () => {
  let stack: NetworkStack;
  let core: NetworkStitchingCore;
  let nc: NatsConnection;
  let bus: Bus;
  let vim: VimClient;
  let site: Record<string, string> = {};
  let clock = 0;
  const sweepers: OrphanPortSweeper[] = [];
  const firstTestReservations: string[] = [];

  before(async () => {
    // The service's own sweeper stays off (no orphanSweep): the test drives sweeps on its own clock.
    stack = await startNetworkStack({ sites: 2, hostsPerSite: 4 });
    ({ core, nc, bus } = stack);
    vim = new VimClient(bus, 8000);
    site = await registerSites(stack, ['site-1', 'site-2'], { domain: 'east', meta });
  });

  after(async () => {
    for (const s of sweepers) await s.stop();
    await stack?.stop();
  });

  /** A sweeper like the service's, on the test's clock; the ledger's reservations unless the test names them. */
  async function sweeper(o: { reservations?: Set<string>; key?: string } = {}): Promise<OrphanPortSweeper> {
    const s = new OrphanPortSweeper({
      networks: core.networkStore,
      registry: new PortRegistry(core.networkStore.store),
      vim,
      knownReservations: async (networkId) => o.reservations ?? new Set((await core.addresses.knownVimPortIds(networkId)).keys()),
      addresses: new OrphanAddresses(core.ledger, new PoolWriter(core.ledger)),
      segments: new OrphanSegments(core.ledger),
      leadership: await KvLease.open(nc, { key: o.key ?? 'orphan-sweep-test', ttlMs: 10 * 60000 }),
      timing: { intervalMs: 0, graceMs: GRACE, now: () => clock },
    });
    sweepers.push(s);
    return s;
  }

  async function stretchedNetwork(name: string, cidr: string): Promise<{ id: string; home: string; peer: string }> {
    const created = await bus.request<NetworkView>(NETWORK_SUBJECTS.create, { name, cidr: [cidr], homeSite: site['site-1'], stretchTo: [site['site-2']], mtu: 1450 }, meta(), { timeoutMs: 30000 });
    const n = await eventually(
      async () => {
        const v = await bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id: created.id }, meta());
        assert.ok(v.sites.every((s) => s.state === 'active'), JSON.stringify(v.sites));
        return v;
      },
      { timeoutMs: 20000 },
    );
    const vimNet = (siteName: string) => n.sites.find((s) => s.site === site[siteName])!.vimNetworkId!;
    return { id: n.id, home: vimNet('site-1'), peer: vimNet('site-2') };
  }

  const portIds = async (siteName: string, vimNetworkId: string) => new Set((await vim.listPorts(site[siteName]!, vimNetworkId, meta())).map((p) => p.externalId));
  // What port-commands.ts leaves behind when the service stops right after the home VIM created the reservation.
  const crashLeftover = (siteName: string, networkId: string, portId = ulid()) => vim.createPort(site[siteName]!, { networkId, name: `vorch-${portId.toLowerCase()}` }, meta());
  // …and when it stops one step later: the ledger has recorded the reservation's address and MAC (port-commands step 2).
  async function crashLeftoverInLedger(networkId: string, vimNetworkId: string) {
    const portId = ulid();
    const port = await crashLeftover('site-1', vimNetworkId, portId);
    await core.ledger.pool(`${networkId}-v4`, { type: 'RecordExternalAllocation', portId, address: port.ips[0]!, mac: port.mac, site: site['site-2']! }, meta());
    await core.ledger.macs({ type: 'RecordMac', site: site['site-1']!, portId, mac: port.mac }, meta());
    return port;
  }
  const allocated = async (networkId: string) =>
    (await bus.request<{ items: AllocationView[] }>(IPAM_SUBJECTS.listAllocations, { poolId: `${networkId}-v4` }, meta())).items.map((a) => a.address);

  it('deletes a vorch- port nothing recorded only after the grace period, and never a recorded, known or operator port', async () => {
    const net = await stretchedNetwork('crash-window', '172.20.1.0/24');
    const recorded = await bus.request<PortView>(NETWORK_SUBJECTS.createPort, { networkId: net.id, site: site['site-2'], name: 'web-1' }, meta(), { timeoutMs: 30000 });
    const operators = await vim.createPort(site['site-1']!, { networkId: net.home, name: 'ops-monitoring' }, meta());
    const knownAlloc = await vim.createPort(site['site-1']!, { networkId: net.home, name: `vorch-alloc-${ulid().toLowerCase()}` }, meta());
    const unknownAlloc = await vim.createPort(site['site-1']!, { networkId: net.home, name: `vorch-alloc-${ulid().toLowerCase()}` }, meta());
    const homeOrphan = await crashLeftoverInLedger(net.id, net.home);
    assert.ok((await allocated(net.id)).includes(homeOrphan.ips[0]!), 'the ledger holds the leftover address');
    const peerOrphan = await crashLeftover('site-2', net.peer);
    firstTestReservations.push(knownAlloc.externalId);
    const s = await sweeper({ reservations: new Set([knownAlloc.externalId]) });
    const before = await deletedSoFar();

    clock = 1_000_000;
    const first = await s.sweepOnce();
    assert.deepEqual([first.leader, first.deleted, first.pending], [true, 0, 3], 'seen once: remembered, not deleted');

    clock += GRACE / 2;
    const late = await crashLeftover('site-1', net.home); // a port whose creation is under way right now
    const second = await s.sweepOnce();
    assert.deepEqual([second.deleted, second.pending], [0, 4], 'half the grace period later: still nothing deleted');

    clock += GRACE / 2;
    const third = await s.sweepOnce();
    assert.deepEqual([third.deleted, third.pending], [3, 1]);
    assert.equal((await deletedSoFar()) - before, 3, 'counted in vorch_orphan_ports_deleted_total');
    const home = await portIds('site-1', net.home);
    for (const gone of [homeOrphan, unknownAlloc]) assert.ok(!home.has(gone.externalId), `${gone.name} deleted on the home VIM`);
    assert.ok(!(await allocated(net.id)).includes(homeOrphan.ips[0]!), 'and its address is free in the ledger again');
    for (const kept of [recorded.homeVimPortId, operators.externalId, knownAlloc.externalId, late.externalId]) assert.ok(home.has(kept), `${kept} kept on the home VIM`);
    const peer = await portIds('site-2', net.peer);
    assert.ok(!peer.has(peerOrphan.externalId), 'the leftover on the peer site is deleted too');
    assert.deepEqual([...peer], [recorded.vimPortId], 'on the peer only the recorded port is left');

    clock += GRACE / 2;
    assert.equal((await s.sweepOnce()).deleted, 1, 'the late one goes once it too has been orphaned for the grace period');
    assert.ok(!(await portIds('site-1', net.home)).has(late.externalId));

    // the recorded port is intact: Vorch deletes it normally, everywhere
    await bus.request(NETWORK_SUBJECTS.deletePort, { networkId: net.id, portId: recorded.id }, meta(), { timeoutMs: 30000 });
    assert.deepEqual([...(await portIds('site-2', net.peer))], []);
  });

  it('releases a VNI held for a network that was never recorded (a create that stopped in between) after the grace period', async () => {
    const kept = await stretchedNetwork('vni-kept', '172.20.9.0/24');
    const keptVni = await core.ledger.segmentOf('vxlan', kept.id);
    const ghost = ulid(); // what network-commands.ts leaves when it stops between allocateSegment and recording the network
    const ghostVni = await core.ledger.allocateSegment('vxlan', ghost, meta());
    const s = await sweeper({ key: 'orphan-sweep-vni' });
    clock += 1;
    const first = await s.sweepOnce();
    assert.equal(first.segmentsPending, 1, JSON.stringify(first));
    clock += GRACE - 2;
    assert.equal((await s.sweepOnce()).segmentsReleased, 0, 'inside the grace period');
    assert.equal(await core.ledger.segmentOf('vxlan', ghost), ghostVni);
    clock += 2;
    const released = await s.sweepOnce();
    assert.deepEqual([released.segmentsReleased, released.segmentsPending], [1, 0]);
    assert.equal(await core.ledger.segmentOf('vxlan', ghost), undefined, 'the ghost VNI is free');
    assert.equal(await core.ledger.segmentOf('vxlan', kept.id), keptVni, "a recorded network's VNI is never touched");
    // the same create sent again later gets a VNI again and its network, and nothing is released from then on
    const again = await core.ledger.allocateSegment('vxlan', ghost, meta());
    assert.ok(again > 0);
    clock += GRACE;
    assert.equal((await s.sweepOnce()).segmentsReleased, 0, 'seen once more: pending again, not released at once');
  });

  it('lets only the lease holder sweep, and passes the lease on when its holder stops', async () => {
    const net = await stretchedNetwork('lease', '172.20.2.0/24');
    // The first test's known vorch-alloc- port is named as known here too, so only this test's leftover is an orphan.
    const known = new Set(firstTestReservations);
    const leader = await sweeper({ key: 'orphan-sweep-lease', reservations: known });
    const standby = await sweeper({ key: 'orphan-sweep-lease', reservations: known });
    await crashLeftover('site-1', net.home);
    clock += 1;
    assert.equal((await leader.sweepOnce()).leader, true);
    clock += GRACE;
    const other = await standby.sweepOnce();
    assert.deepEqual([other.leader, other.deleted], [false, 0], 'the standby replica does not sweep');
    assert.equal((await leader.sweepOnce()).deleted, 1);
    await leader.stop();
    assert.equal((await standby.sweepOnce()).leader, true, 'the lease passes on once its holder stops');
  });

  it('keeps the reservation port of a direct allocation the ledger recorded', async () => {
    const net = await stretchedNetwork('alloc', '172.20.3.0/24');
    const allocation = await bus.request<AllocationView>(IPAM_SUBJECTS.allocate, { poolId: `${net.id}-v4`, portId: 'client-1' }, meta(), { timeoutMs: 30000 });
    assert.ok(allocation.vimPortId);
    const before = await portIds('site-1', net.home);
    assert.ok(before.has(allocation.vimPortId), 'the home VIM holds the reservation port');
    const s = await sweeper({ key: 'orphan-sweep-ledger' }); // asks the real ledger
    clock += 1;
    await s.sweepOnce();
    clock += 2 * GRACE;
    await s.sweepOnce();
    assert.deepEqual(await portIds('site-1', net.home), before, 'the ledger knows it: nothing on this network is swept');
  });

  it('keeps a home reservation whose address a user-named port on the peer uses (stopped after the peer port was made)', async () => {
    const net = await stretchedNetwork('half-made', '172.20.4.0/24');
    const reservation = await crashLeftoverInLedger(net.id, net.home);
    const peerPort = await vim.createPort(site['site-2']!, { networkId: net.peer, name: 'web-9', mac: reservation.mac, ip: reservation.ips[0] }, meta());
    const s = await sweeper({ key: 'orphan-sweep-half-made' });
    clock += 1;
    await s.sweepOnce();
    clock += 2 * GRACE;
    await s.sweepOnce();
    assert.ok((await portIds('site-1', net.home)).has(reservation.externalId), 'the reservation still holds the address the peer uses');
    assert.ok((await portIds('site-2', net.peer)).has(peerPort.externalId), 'a user-named port is never touched');
    assert.ok((await allocated(net.id)).includes(reservation.ips[0]!));
  });
});
