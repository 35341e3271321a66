import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Counter } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';
import {
  DriverAuthError,
  DriverConflictError,
  DriverNotFoundError,
  DriverRejectedError,
  DriverTaskFailedError,
  DriverTimeoutError,
  DriverUnreachableError,
  type Host,
  type Network,
  type ResourceChange,
  type VimDriver,
} from '#vorch/vim-drivers';
import type { DriverHarness } from './driver-harness.js';

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = (a: string) => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(n(ip) / size) === Math.floor(n(base!) / size);
}

/** IPv6 (or IPv4) membership with bigint arithmetic; the address manager's parser is overkill for a test. */
function inCidr6(ip: string, cidr: string): boolean {
  const value = (text: string) => {
    const [head, tail = ''] = text.split('::');
    const groups = (t: string) => (t ? t.split(':').map((g) => BigInt(parseInt(g, 16))) : []);
    const h = groups(head!);
    const tl = groups(tail);
    const all = text.includes('::') ? [...h, ...Array<bigint>(8 - h.length - tl.length).fill(0n), ...tl] : h;
    return all.reduce((acc, g) => (acc << 16n) | g, 0n);
  };
  const [base, bits] = cidr.split('/');
  const shift = BigInt(128 - Number(bits));
  return value(ip) >> shift === value(base!) >> shift;
}

const isV6 = (ip: string) => ip.includes(':');

async function retriesSoFar(dialect: string): Promise<number> {
  const metric = metricsRegistry.getSingleMetric('vorch_driver_retries_total') as Counter | undefined;
  if (!metric) return 0;
  return (await metric.get()).values.filter((v) => v.labels.dialect === dialect).reduce((s, v) => s + v.value, 0);
}

/**
 * The behaviour every VimDriver must have, whatever the VIM behind it. Run it for each driver against a site
 * prepared by `harness` (see DriverHarness); tests run one after the other and clean up what they create.
 */
export function runDriverContract(name: string, harness: () => Promise<DriverHarness>): void {
  describe(`VimDriver contract: ${name}`, () => {
    let h: DriverHarness;
    let d: VimDriver;
    let hosts: Host[];
    const tag = randomBytes(3).toString('hex');
    let counter = 0;
    const unique = (what: string) => `vorch-${what}-${tag}-${++counter}`;
    // Distinct /24s and segment ids per test, away from the sites' own networks.
    const cidrOf = () => `172.${16 + (counter % 16)}.${(counter * 7) % 256}.0/24`;
    const segmentOf = () => 2000 + Math.floor(Math.random() * 1000);

    async function network(): Promise<Network> {
      const cidr = cidrOf();
      return d.createNetwork({ name: unique('net'), cidrs: [cidr], segmentation: { type: 'vlan', id: segmentOf() }, gateway: cidr.replace(/0\/24$/, '1') });
    }

    /** One IPv4 and one IPv6 subnet, each with its gateway (the first host). */
    async function dualStackNetwork(): Promise<{ net: Network; v4: string; v6: string }> {
      const v4 = cidrOf();
      const v6 = `fd00:${parseInt(tag.slice(0, 4), 16).toString(16)}:${(++counter).toString(16)}::/64`;
      const net = await d.createNetwork({
        name: unique('net'),
        cidrs: [v4, v6],
        segmentation: { type: 'vlan', id: segmentOf() },
        gateways: [v4.replace(/0\/24$/, '1'), v6.replace(/::\/64$/, '::1')],
      });
      return { net, v4, v6 };
    }

    function upHosts(n: number): Host[] {
      const up = hosts.filter((x) => x.state === 'up' && x.cpu.cores >= 4);
      assert.ok(up.length >= n, `need ${n} hosts that are up`);
      return up.slice(0, n);
    }

    before(async () => {
      h = await harness();
      d = h.makeDriver();
      hosts = [];
      for await (const host of d.hosts()) hosts.push(host);
    });

    afterEach(async () => {
      await h.faults.clear();
    });

    after(async () => {
      await h?.close();
    });

    it('authenticates with the right credentials', async () => {
      await d.authenticate();
    });

    it('refuses wrong credentials with DriverAuthError, and nothing is created', async () => {
      const bad = h.makeDriver({ credentials: h.wrongCredentials, retries: 0 });
      await assert.rejects(bad.authenticate(), DriverAuthError);
      const name = unique('denied');
      await assert.rejects(bad.createNetwork({ name, cidrs: [cidrOf()] }), (err: unknown) => {
        assert.ok(err instanceof DriverAuthError);
        assert.equal(err.code, 'DRIVER.AUTH_FAILED');
        return true;
      });
      assert.equal((await d.listNetworks()).filter((n) => n.name === name).length, 0);
    });

    it('pages through the whole host inventory, every host normalised', async () => {
      assert.equal(hosts.length, h.inventory.hosts);
      assert.equal(new Set(hosts.map((x) => x.externalId)).size, hosts.length, 'no host twice');
      for (const host of hosts) {
        assert.ok(host.cpu.cores > 0 && host.memoryMb > 0, `${host.name} has capacity`);
        assert.ok(host.hypervisorType && host.hypervisorVersion, `${host.name} has a hypervisor`);
        assert.ok(h.inventory.failureDomains.includes(host.failureDomain), `${host.name} in a known failure domain, not "${host.failureDomain}"`);
      }
      assert.equal(hosts.filter((x) => x.gpus.some((g) => g.count > 0 && g.model)).length, h.inventory.gpuHosts);
      assert.ok(hosts.some((x) => x.cpuFeatures.length > 0), 'CPU features are read');
      const first = await d.listHosts({ limit: 100 });
      assert.equal(first.items.length, 100);
      assert.ok(first.next, 'a cursor while more remain');
      const second = await d.listHosts({ limit: 100, cursor: first.next });
      assert.ok(!second.items.some((x) => first.items.some((y) => y.externalId === x.externalId)), 'pages do not overlap');
    });

    it('lists storage, virtual switches and security modules tied to the inventory', async () => {
      const pools = await d.listStorage();
      assert.ok(pools.length > 0);
      const poolIds = new Set(pools.map((p) => p.externalId));
      for (const p of pools) {
        assert.ok(p.capacityGb > 0);
        assert.ok(p.reachableFrom.length > 0 && p.reachableFrom.every((fd) => h.inventory.failureDomains.includes(fd)), `${p.name} reach ${p.reachableFrom}`);
        for (const peer of p.replicationPeers) assert.ok(poolIds.has(peer), `peer ${peer} of ${p.name} is a listed pool`);
      }
      assert.ok(pools.some((p) => p.replication.includes('sync')), 'some pool can replicate synchronously');
      const hostIds = new Set(hosts.map((x) => x.externalId));
      const switches = await d.listVirtualSwitches();
      assert.equal(switches.length, hosts.length, 'one virtual switch per host');
      assert.ok(switches.every((s) => hostIds.has(s.hostId)));
      const modules = await d.listSecurityModules();
      assert.ok(modules.length > 0 && modules.every((m) => hostIds.has(m.hostId) && ['tpm', 'sev-snp', 'tdx', 'sgx'].includes(m.type)));
    });

    it('creates, reads, lists and deletes a network', async () => {
      const cidr = cidrOf();
      const segment = segmentOf();
      const created = await d.createNetwork({ name: unique('net'), cidrs: [cidr], segmentation: { type: 'vlan', id: segment }, gateway: cidr.replace(/0\/24$/, '1') });
      assert.deepEqual(created.cidrs, [cidr]);
      assert.deepEqual(created.segmentation, { type: 'vlan', id: segment });
      assert.equal(created.gateway, cidr.replace(/0\/24$/, '1'));
      assert.deepEqual(await d.getNetwork(created.externalId), created);
      assert.ok((await d.listNetworks()).some((n) => n.externalId === created.externalId));
      await d.deleteNetwork(created.externalId);
      await assert.rejects(d.getNetwork(created.externalId), DriverNotFoundError);
    });

    it('refuses a second network on a segment already in use with DriverConflictError', async () => {
      const net = await network();
      await assert.rejects(d.createNetwork({ name: unique('net'), cidrs: [cidrOf()], segmentation: net.segmentation }), DriverConflictError);
      await d.deleteNetwork(net.externalId);
    });

    it('lets the VIM allocate port addresses, and refuses an address already taken', async () => {
      const net = await network();
      const p1 = await d.createPort({ networkId: net.externalId, name: unique('port') });
      assert.match(p1.mac, MAC);
      assert.equal(p1.ips.length, 1);
      assert.ok(inCidr(p1.ips[0]!, net.cidrs[0]!), `${p1.ips[0]} in ${net.cidrs[0]}`);
      assert.equal(p1.networkId, net.externalId);
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port'), ip: p1.ips[0] }), DriverConflictError);
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port'), mac: p1.mac }), DriverConflictError);
      const wanted = net.cidrs[0]!.replace(/0\/24$/, '200');
      const p2 = await d.createPort({ networkId: net.externalId, name: unique('port'), ip: wanted, mac: '02:aa:bb:cc:dd:ee' });
      assert.deepEqual([p2.ips, p2.mac], [[wanted], '02:aa:bb:cc:dd:ee']);
      assert.deepEqual(await d.getPort(p1.externalId), p1);
      await d.deletePort(p1.externalId);
      await d.deletePort(p2.externalId);
      await assert.rejects(d.getPort(p1.externalId), DriverNotFoundError);
      await d.deleteNetwork(net.externalId);
    });

    it('creates a dual-stack network, and gives a port one IPv4 and one IPv6 address when none is named', async () => {
      const { net, v4, v6 } = await dualStackNetwork();
      assert.deepEqual([...net.cidrs].sort(), [v4, v6].sort());
      assert.deepEqual([...(await d.getNetwork(net.externalId)).cidrs].sort(), [v4, v6].sort());
      const ports = [];
      for (let i = 0; i < 3; i++) ports.push(await d.createPort({ networkId: net.externalId, name: unique('port') }));
      for (const p of ports) {
        assert.equal(p.ips.length, 2, JSON.stringify(p.ips));
        const [four, six] = [p.ips.find((ip) => !isV6(ip))!, p.ips.find(isV6)!];
        assert.ok(four && inCidr(four, v4), `${four} in ${v4}`);
        assert.ok(six && inCidr6(six, v6), `${six} in ${v6}`);
        // never the subnet-router anycast address (the all-zero host) nor the gateway
        assert.ok(![v6.replace('/64', ''), v6.replace(/::\/64$/, '::1')].includes(six), six);
      }
      assert.equal(new Set(ports.flatMap((p) => p.ips)).size, 6, 'every address once');
      for (const p of ports) assert.deepEqual(await d.getPort(p.externalId), p);
      for (const p of ports) await d.deletePort(p.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('on a dual-stack network, allocates from one family when asked, takes every named address, and refuses a taken one whole', async () => {
      const { net, v4, v6 } = await dualStackNetwork();
      const only4 = await d.createPort({ networkId: net.externalId, name: unique('port'), ipFamily: 4 });
      const only6 = await d.createPort({ networkId: net.externalId, name: unique('port'), ipFamily: 6 });
      assert.ok(only4.ips.length === 1 && inCidr(only4.ips[0]!, v4), JSON.stringify(only4.ips));
      assert.ok(only6.ips.length === 1 && isV6(only6.ips[0]!) && inCidr6(only6.ips[0]!, v6), JSON.stringify(only6.ips));
      const wanted = [v4.replace(/0\/24$/, '200'), v6.replace(/::\/64$/, '::c8')];
      const named = await d.createPort({ networkId: net.externalId, name: unique('port'), ips: wanted, mac: '02:aa:bb:cc:dd:01' });
      assert.deepEqual([[...named.ips].sort(), named.mac], [[...wanted].sort(), '02:aa:bb:cc:dd:01']);
      // the IPv6 address is taken: the port is refused, and its free IPv4 address stays free
      const free4 = v4.replace(/0\/24$/, '201');
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port'), ips: [free4, only6.ips[0]!] }), DriverConflictError);
      const again = await d.createPort({ networkId: net.externalId, name: unique('port'), ips: [free4] });
      assert.deepEqual(again.ips, [free4]);
      const listed = await d.listPorts(net.externalId);
      for (const p of [only4, only6, named, again]) assert.deepEqual([...(listed.find((x) => x.externalId === p.externalId)?.ips ?? [])].sort(), [...p.ips].sort());
      for (const p of [only4, only6, named, again]) await d.deletePort(p.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('hands VIM-allocated addresses out of two allocation pools only, in order, until they run out; a named address may lie outside them', async () => {
      const cidr = cidrOf();
      const at = (host: number) => cidr.replace(/0\/24$/, String(host));
      const allocationPools = [{ cidr, ranges: [{ start: at(10), end: at(11) }, { start: at(20), end: at(21) }] }];
      const net = await d.createNetwork({ name: unique('net'), cidrs: [cidr], segmentation: { type: 'vlan', id: segmentOf() }, gateway: at(1), allocationPools });
      assert.deepEqual(net.allocationPools, allocationPools);
      assert.deepEqual((await d.getNetwork(net.externalId)).allocationPools, allocationPools, 'read back');
      const ports = [];
      for (let i = 0; i < 4; i++) ports.push(await d.createPort({ networkId: net.externalId, name: unique('port') }));
      assert.deepEqual(ports.map((p) => p.ips), [[at(10)], [at(11)], [at(20)], [at(21)]]);
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port') }), DriverConflictError, 'the pools are exhausted');
      const named = await d.createPort({ networkId: net.externalId, name: unique('port'), ip: at(200) });
      assert.deepEqual(named.ips, [at(200)]);
      await d.deletePort(ports[1]!.externalId);
      const again = await d.createPort({ networkId: net.externalId, name: unique('port') });
      assert.deepEqual(again.ips, [at(11)], 'a freed pool address is handed out again');
      for (const p of [ports[0]!, ...ports.slice(2), named, again]) await d.deletePort(p.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('on a dual-stack network, hands IPv6 addresses out of the IPv6 subnet’s pool only, the IPv4 subnet keeping its whole range', async () => {
      const v4 = cidrOf();
      const v6 = `fd00:${parseInt(tag.slice(0, 4), 16).toString(16)}:${(++counter).toString(16)}::/64`;
      const at6 = (host: string) => v6.replace(/::\/64$/, `::${host}`);
      const allocationPools = [{ cidr: v6, ranges: [{ start: at6('1:0'), end: at6('1:1') }] }];
      const net = await d.createNetwork({
        name: unique('net'),
        cidrs: [v4, v6],
        segmentation: { type: 'vlan', id: segmentOf() },
        gateways: [v4.replace(/0\/24$/, '1'), at6('1')],
        allocationPools,
      });
      assert.deepEqual(net.allocationPools, allocationPools);
      assert.deepEqual((await d.getNetwork(net.externalId)).allocationPools, allocationPools, 'read back');
      const ports = [];
      for (let i = 0; i < 2; i++) ports.push(await d.createPort({ networkId: net.externalId, name: unique('port') }));
      assert.deepEqual(ports.map((p) => p.ips.find(isV6)), [at6('1:0'), at6('1:1')]);
      assert.ok(ports.every((p) => inCidr(p.ips.find((ip) => !isV6(ip))!, v4)), JSON.stringify(ports.map((p) => p.ips)));
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port') }), DriverConflictError, 'no IPv6 address is left: the whole port is refused');
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port'), ipFamily: 6 }), DriverConflictError);
      const four = await d.createPort({ networkId: net.externalId, name: unique('port'), ipFamily: 4 });
      assert.ok(four.ips.length === 1 && inCidr(four.ips[0]!, v4), JSON.stringify(four.ips));
      const named = await d.createPort({ networkId: net.externalId, name: unique('port'), ips: [at6('5')] });
      assert.deepEqual(named.ips, [at6('5')]);
      for (const p of [...ports, four, named]) await d.deletePort(p.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('given a subnet with an empty list of pool ranges, allocates nothing there by itself but takes a named address', async () => {
      const cidr = cidrOf();
      const allocationPools = [{ cidr, ranges: [] }];
      const net = await d.createNetwork({ name: unique('net'), cidrs: [cidr], segmentation: { type: 'vlan', id: segmentOf() }, allocationPools });
      assert.deepEqual((await d.getNetwork(net.externalId)).allocationPools, allocationPools, 'read back');
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port') }), DriverConflictError);
      const named = await d.createPort({ networkId: net.externalId, name: unique('port'), ip: cidr.replace(/0\/24$/, '9') });
      assert.deepEqual(named.ips, [cidr.replace(/0\/24$/, '9')]);
      await d.deletePort(named.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('refuses allocation pools that do not fit the network’s CIDRs with DriverRejectedError, before asking the VIM anything', async () => {
      // Every call to the VIM with these credentials is refused, so a DriverRejectedError can only come from the driver.
      const unasked = h.makeDriver({ credentials: h.wrongCredentials, retries: 0 });
      const cidr = cidrOf();
      const at = (host: number) => cidr.replace(/0\/24$/, String(host));
      const name = unique('net');
      const misfits = [
        [{ cidr, ranges: [{ start: at(250), end: at(255) }] }],
        [{ cidr, ranges: [{ start: at(20), end: at(10) }] }],
        [{ cidr: '192.0.2.0/24', ranges: [{ start: '192.0.2.10', end: '192.0.2.20' }] }],
        [{ cidr, ranges: [{ start: at(10), end: '198.51.100.20' }] }],
      ];
      for (const allocationPools of misfits) {
        await assert.rejects(unasked.createNetwork({ name, cidrs: [cidr], allocationPools }), DriverRejectedError, JSON.stringify(allocationPools));
        await assert.rejects(d.createNetwork({ name, cidrs: [cidr], segmentation: { type: 'vlan', id: segmentOf() }, allocationPools }), DriverRejectedError);
      }
      assert.equal((await d.listNetworks()).filter((n) => n.name === name).length, 0, 'nothing was made');
    });

    it('refuses a port from a family the network has no subnet of with DriverRejectedError', async () => {
      const net = await network();
      await assert.rejects(d.createPort({ networkId: net.externalId, name: unique('port'), ipFamily: 6 }), DriverRejectedError);
      assert.deepEqual(await d.listPorts(net.externalId), [], 'nothing was made');
      await d.deleteNetwork(net.externalId);
    });

    it('lists the ports of one network, and refuses a network that does not exist', async () => {
      const net = await network();
      const other = await network();
      assert.deepEqual(await d.listPorts(net.externalId), [], 'a new network has no ports');
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push(await d.createPort({ networkId: net.externalId, name: unique('port') }));
      const elsewhere = await d.createPort({ networkId: other.externalId, name: unique('port') });
      const listed = await d.listPorts(net.externalId);
      const byId = (ports: { externalId: string }[]) => [...ports].sort((a, b) => a.externalId.localeCompare(b.externalId));
      assert.deepEqual(byId(listed), byId(await Promise.all(mine.map((p) => d.getPort(p.externalId)))), 'the same ports as getPort, with names and addresses');
      assert.ok(!listed.some((p) => p.externalId === elsewhere.externalId), 'no port of another network');
      await d.deletePort(mine[0]!.externalId);
      assert.deepEqual(byId(await d.listPorts(net.externalId)).map((p) => p.externalId), byId(mine.slice(1)).map((p) => p.externalId));
      for (const p of mine.slice(1)) await d.deletePort(p.externalId);
      await d.deletePort(elsewhere.externalId);
      await d.deleteNetwork(net.externalId);
      await d.deleteNetwork(other.externalId);
      await assert.rejects(d.listPorts(net.externalId), DriverNotFoundError);
    });

    it('runs a VM through create, stop, start and delete', async () => {
      const net = await network();
      const port = await d.createPort({ networkId: net.externalId, name: unique('port') });
      const [host] = upHosts(1);
      const vm = await d.createVm({ name: unique('vm'), cpu: 1, memoryMb: 1024, hostId: host!.externalId, portIds: [port.externalId] });
      assert.equal(vm.state, 'running');
      assert.equal(vm.hostId, host!.externalId);
      assert.ok(vm.cpu >= 1 && vm.memoryMb >= 1024);
      assert.deepEqual(vm.portIds, [port.externalId]);
      assert.equal((await d.getPort(port.externalId)).vmId, vm.externalId);
      assert.ok((await d.listVms()).some((v) => v.externalId === vm.externalId));
      assert.equal((await d.stopVm(vm.externalId)).state, 'stopped');
      assert.equal((await d.stopVm(vm.externalId)).state, 'stopped', 'stopping a stopped VM is not an error');
      assert.equal((await d.getVm(vm.externalId)).state, 'stopped');
      assert.equal((await d.startVm(vm.externalId)).state, 'running');
      await d.deleteVm(vm.externalId);
      await assert.rejects(d.getVm(vm.externalId), DriverNotFoundError);
      await assert.rejects(d.deleteVm(vm.externalId), DriverNotFoundError);
      await d.deletePort(port.externalId);
      await d.deleteNetwork(net.externalId);
    });

    it('live-migrates a VM and resolves once it runs on the target host', async () => {
      const [source, target] = upHosts(2);
      const vm = await d.createVm({ name: unique('vm'), cpu: 1, memoryMb: 1024, hostId: source!.externalId });
      assert.equal(vm.hostId, source!.externalId);
      const moved = await d.liveMigrate(vm.externalId, target!.externalId);
      assert.equal(moved.hostId, target!.externalId);
      assert.equal(moved.state, 'running');
      assert.equal((await d.getVm(vm.externalId)).hostId, target!.externalId);
      await d.deleteVm(vm.externalId);
    });

    it('reports a migration whose target fails midway with DriverTaskFailedError, the VM staying on its source', async () => {
      const [source, target] = upHosts(2).reverse();
      const vm = await d.createVm({ name: unique('vm'), cpu: 1, memoryMb: 1024, hostId: source!.externalId });
      const migrating = d.liveMigrate(vm.externalId, target!.externalId);
      const outcome = migrating.then(
        () => 'moved',
        (err: unknown) => err,
      );
      try {
        // Only once the VIM shows the migration under way does the target fail, or the VIM would just refuse it.
        let state = (await d.getVm(vm.externalId)).state;
        for (let i = 0; i < 200 && state !== 'migrating'; i++) {
          await new Promise((r) => setTimeout(r, 10));
          state = (await d.getVm(vm.externalId)).state;
        }
        assert.equal(state, 'migrating', 'a VM being migrated shows as migrating');
        await h.behindTheBack.setHostUp(target!.externalId, false);
        const err = await outcome;
        assert.ok(err instanceof DriverTaskFailedError, `got ${String(err)}`);
        assert.equal(err.code, 'DRIVER.TASK_FAILED');
        const after = await d.getVm(vm.externalId);
        assert.deepEqual([after.hostId, after.state], [source!.externalId, 'running']);
      } finally {
        await h.behindTheBack.setHostUp(target!.externalId, true);
        await d.deleteVm(vm.externalId);
      }
    });

    it('answers objects that do not exist with DriverNotFoundError', async () => {
      const net = await network();
      const port = await d.createPort({ networkId: net.externalId, name: unique('port') });
      await d.deletePort(port.externalId);
      await d.deleteNetwork(net.externalId);
      await assert.rejects(d.getNetwork(net.externalId), (err: unknown) => err instanceof DriverNotFoundError && err.code === 'DRIVER.NOT_FOUND' && err.status === 404);
      await assert.rejects(d.deleteNetwork(net.externalId), DriverNotFoundError);
      await assert.rejects(d.getPort(port.externalId), DriverNotFoundError);
      await assert.rejects(d.deletePort(port.externalId), DriverNotFoundError);
    });

    it('retries transient VIM errors and succeeds', async () => {
      const patient = h.makeDriver({ retries: 10, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
      const before = await retriesSoFar(patient.dialect);
      await h.faults.set({ errorRate: 0.3 });
      for (let i = 0; i < 20; i++) assert.equal((await patient.listHosts({ limit: 5 })).items.length, 5);
      assert.ok((await retriesSoFar(patient.dialect)) > before, 'some calls were retried');
    });

    it('reports an unreachable site with DriverUnreachableError after bounded retries', async () => {
      const quick = h.makeDriver({ retries: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 50, timeoutMs: 2000 });
      await h.faults.set({ unreachable: true });
      const t0 = Date.now();
      await assert.rejects(quick.listHosts({ limit: 10 }), (err: unknown) => {
        assert.ok(err instanceof DriverUnreachableError, `got ${String(err)}`);
        assert.equal(err.fault.attempts, 3);
        return true;
      });
      assert.ok(Date.now() - t0 < 3000);
    });

    it('honours its timeout, and the caller’s signal', async () => {
      const impatient = h.makeDriver({ timeoutMs: 150, retries: 1, retryBaseDelayMs: 10, retryMaxDelayMs: 10 });
      await h.faults.set({ latencyMs: 2000 });
      let t0 = Date.now();
      await assert.rejects(impatient.listHosts({ limit: 10 }), DriverTimeoutError);
      assert.ok(Date.now() - t0 < 1500, `gave up after ${Date.now() - t0} ms`);
      const patient = h.makeDriver({ timeoutMs: 10000 });
      t0 = Date.now();
      await assert.rejects(patient.listHosts({ limit: 10, signal: AbortSignal.timeout(200) }), (err: unknown) => (err as Error).name === 'TimeoutError');
      assert.ok(Date.now() - t0 < 1500);
    });

    it('watches changes made behind Vorch’s back', async () => {
      const net = await network();
      const [host] = upHosts(1);
      const doomed = await d.createVm({ name: unique('vm'), cpu: 1, memoryMb: 1024, hostId: host!.externalId });
      const tampered = await d.createVm({ name: unique('vm'), cpu: 1, memoryMb: 1024, hostId: host!.externalId });
      const since = await d.currentResourceVersion();
      await h.behindTheBack.deleteVm(doomed.externalId);
      await h.behindTheBack.powerOffVm(tampered.externalId);
      await h.behindTheBack.deleteNetwork(net.externalId);
      const expected: Array<Omit<ResourceChange, 'resourceVersion'>> = [
        { kind: 'vm', id: doomed.externalId, change: 'deleted' },
        { kind: 'vm', id: tampered.externalId, change: 'modified' },
        { kind: 'network', id: net.externalId, change: 'deleted' },
      ];
      const seenAll = (seen: ResourceChange[]) => expected.every((e) => seen.some((x) => x.kind === e.kind && x.id === e.id && x.change === e.change));
      const seen: ResourceChange[] = [];
      for await (const c of d.watchChanges({ since, signal: AbortSignal.timeout(10000) })) {
        seen.push(c);
        if (seenAll(seen)) break;
      }
      assert.ok(seenAll(seen), `expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
      assert.ok(seen.every((x) => Number(x.resourceVersion) > Number(since)), 'only changes after since');
      assert.equal((await d.getVm(tampered.externalId)).state, 'stopped', 'the drift is visible through the driver');
      await d.deleteVm(tampered.externalId);
    });

    it('watches from now when no version is given, and ends when its signal aborts', async () => {
      const stop = new AbortController();
      const seen: ResourceChange[] = [];
      const watching = (async () => {
        for await (const c of d.watchChanges({ signal: stop.signal })) seen.push(c);
      })();
      // The watch settles its starting point asynchronously, so networks are made until one shows (each after the
      // previous one went unseen for a while); what it must never show is the inventory that existed before it.
      const made: Network[] = [];
      const shown = () => made.some((n) => seen.some((x) => x.kind === 'network' && x.id === n.externalId && x.change === 'added'));
      for (let attempt = 0; attempt < 5 && !shown(); attempt++) {
        made.push(await network());
        const until = Date.now() + 2000;
        while (!shown() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      }
      stop.abort();
      await watching;
      assert.ok(shown(), `saw ${JSON.stringify(seen)}`);
      assert.ok(!seen.some((x) => x.kind === 'host' && x.change === 'added'), 'no replay of the existing inventory');
      for (const n of made) await d.deleteNetwork(n.externalId);
    });
  });
}
