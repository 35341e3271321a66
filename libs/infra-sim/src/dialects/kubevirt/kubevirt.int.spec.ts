import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { eventually } from '#vorch/testing';
import { startInfraSim, type InfraSim } from '../../http/infra-sim-server.js';
import { call, type CallResult } from '../../testing/http-call.fixture.js';
import { generateTopology } from '../../topology/generate-topology.js';

const KV = '/apis/kubevirt.io/v1/namespaces/default';

type WatchEvent = { type: string; object: CallResult['body'] };

/** Reads watch events until `stopWhen` holds, then closes the stream. */
function watch(url: string, token: string, stopWhen: (events: WatchEvent[]) => boolean): Promise<WatchEvent[]> {
  return new Promise((resolve, reject) => {
    const events: WatchEvent[] = [];
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)));
          buffer = buffer.slice(nl + 1);
        }
        if (stopWhen(events)) {
          req.destroy();
          resolve(events);
        }
      });
      // The server ends the stream at timeoutSeconds: a missing event then fails the test instead of hanging it.
      res.on('end', () => resolve(events));
    });
    req.on('error', (err) => (events.length && stopWhen(events) ? resolve(events) : reject(err)));
    req.end();
  });
}

function vmBody(name: string, extra: { node?: string; mac?: string; network?: string; annotations?: Record<string, string> } = {}) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, annotations: extra.annotations },
    spec: {
      running: true,
      template: {
        spec: {
          ...(extra.node ? { nodeSelector: { 'kubernetes.io/hostname': extra.node } } : {}),
          domain: { cpu: { cores: 2 }, memory: { guest: '2Gi' }, devices: { interfaces: [{ name: 'net1', bridge: {}, ...(extra.mac ? { macAddress: extra.mac } : {}) }] } },
          networks: [{ name: 'net1', multus: { networkName: extra.network ?? 'default/site-3-prov' } }],
        },
      },
    },
  };
}

describe('kubevirt dialect over HTTP', () => {
  let sim: InfraSim;
  let endpoint: string;
  const token = 'token-site-3';
  const headers = { authorization: `Bearer ${token}` };

  before(async () => {
    const site = generateTopology({ sites: 3, hostsPerSite: 10_000 }).sites[2];
    sim = await startInfraSim({ topology: { sites: [site] }, timing: { buildMs: 20, migrateMs: 50 }, changeRetention: 50 });
    endpoint = sim.siteUrl('site-3');
  });
  after(() => sim.stop());

  it('answers a wrong bearer token with a 401 Status', async () => {
    const res = await call(`${endpoint}/api/v1/nodes`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.kind, 'Status');
    assert.equal(res.body.reason, 'Unauthorized');
  });

  it('pages through 10,000 nodes with limit and continue, with zone, features and GPUs on them', async () => {
    const names = new Set<string>();
    let cont: string | undefined;
    let pages = 0;
    do {
      const res = await call(`${endpoint}/api/v1/nodes?limit=1000${cont ? `&continue=${cont}` : ''}`, { headers });
      assert.equal(res.status, 200);
      assert.equal(res.body.kind, 'NodeList');
      for (const n of res.body.items) names.add(n.metadata.name);
      cont = res.body.metadata.continue;
      pages++;
    } while (cont);
    assert.equal(names.size, 10_000);
    assert.equal(pages, 10);
    const gpu = (await call(`${endpoint}/api/v1/nodes?labelSelector=nvidia.com/gpu.product=nvidia-a100&limit=1`, { headers })).body.items[0];
    assert.equal(gpu.status.capacity['nvidia.com/gpu'], '4');
    assert.match(gpu.metadata.labels['topology.kubernetes.io/zone'], /^site-3-fd/);
    const sev = (await call(`${endpoint}/api/v1/nodes?labelSelector=cpu-feature.node.kubevirt.io/sev-snp=true&limit=1`, { headers })).body.items[0];
    assert.match(sev.metadata.annotations['vorch.io/security-modules'], /sev-snp/);
  });

  it('creates a NAD, refuses a second one of the same name, and a VM gets an IP from its range', async () => {
    const nad = {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'blue' },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'blue', type: 'ovs', vlan: 120, ipam: { type: 'whereabouts', range: '10.20.0.0/24' } }) },
    };
    const NADS = `${endpoint}/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions`;
    assert.equal((await call(NADS, { method: 'POST', headers, body: nad })).status, 201);
    const dup = await call(NADS, { method: 'POST', headers, body: nad });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    const vm = await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('blue-vm', { network: 'blue' }) });
    assert.equal(vm.status, 201);
    await eventually(async () => {
      const vmi = (await call(`${endpoint}${KV}/virtualmachineinstances/blue-vm`, { headers })).body;
      assert.equal(vmi.status.phase, 'Running');
      assert.match(vmi.status.interfaces[0].ipAddress, /^10\.20\.0\./);
    });
    const inUse = await call(`${NADS}/blue`, { method: 'DELETE', headers });
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.reason, 'Conflict');
    assert.equal((await call(`${endpoint}${KV}/virtualmachines/blue-vm`, { method: 'DELETE', headers })).status, 200);
    assert.equal((await call(`${NADS}/blue`, { method: 'DELETE', headers })).status, 200);
  });

  it('refuses a VM with a taken MAC (409 Conflict) and a duplicate name (409 AlreadyExists)', async () => {
    const first = await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('mac-a', { mac: '02:aa:bb:cc:dd:ee' }) });
    assert.equal(first.status, 201);
    const clash = await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('mac-b', { mac: '02:aa:bb:cc:dd:ee' }) });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.reason, 'Conflict');
    const dup = await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('mac-a') });
    assert.equal(dup.body.reason, 'AlreadyExists');
    const missing = await call(`${endpoint}${KV}/virtualmachines/nope`, { headers });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.reason, 'NotFound');
  });

  it('binds a port reserved through the extension to a VM interface, and unbinds it when the VM goes', async () => {
    const PORTS = `${endpoint}/vorch/v1/ports`;
    const port = await call(PORTS, { method: 'POST', headers, body: { network: 'default/site-3-prov', ip_address: '10.3.0.200', mac_address: '02:77:00:00:00:01' } });
    assert.equal(port.status, 201);
    assert.equal(port.body.network, 'default/site-3-prov');
    const taken = await call(PORTS, { method: 'POST', headers, body: { network: 'default/site-3-prov', ip_address: '10.3.0.200' } });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.reason, 'Conflict');
    const vm = vmBody('reserved', { annotations: { 'vorch.io/ports': JSON.stringify({ net1: port.body.id }) } });
    assert.equal((await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vm })).status, 201);
    await eventually(async () => {
      const iface = (await call(`${endpoint}${KV}/virtualmachineinstances/reserved`, { headers })).body.status.interfaces[0];
      assert.equal(iface.ipAddress, '10.3.0.200');
      assert.equal(iface.mac, '02:77:00:00:00:01');
    });
    assert.equal((await call(`${PORTS}/${port.body.id}`, { headers })).body.vm, 'default/reserved');
    assert.equal((await call(`${PORTS}/${port.body.id}`, { method: 'DELETE', headers })).status, 409);
    await call(`${endpoint}${KV}/virtualmachines/reserved`, { method: 'DELETE', headers });
    assert.equal((await call(`${PORTS}/${port.body.id}`, { headers })).body.vm, null);
    assert.equal((await call(`${PORTS}/${port.body.id}`, { method: 'DELETE', headers })).status, 204);
  });

  it('migrates a VMI to the node asked for, and a watch sees the VMI move', async () => {
    const nodes = (await call(`${endpoint}/api/v1/nodes?limit=2`, { headers })).body.items.map((n: { metadata: { name: string } }) => n.metadata.name);
    await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('mover', { node: nodes[0] }) });
    await eventually(async () => assert.equal((await call(`${endpoint}${KV}/virtualmachineinstances/mover`, { headers })).body.status.phase, 'Running'));
    const rv = (await call(`${endpoint}${KV}/virtualmachineinstances?limit=1`, { headers })).body.metadata.resourceVersion;
    const seen = watch(`${endpoint}${KV}/virtualmachineinstances?watch=true&timeoutSeconds=20&resourceVersion=${rv}`, token, (events) =>
      events.some((e) => e.object.metadata.name === 'mover' && e.object.status.nodeName === nodes[1]),
    );
    const mig = await call(`${endpoint}${KV}/virtualmachineinstancemigrations`, {
      method: 'POST',
      headers,
      body: { metadata: { generateName: 'mover-' }, spec: { vmiName: 'mover', addedNodeSelector: { 'kubernetes.io/hostname': nodes[1] } } },
    });
    assert.equal(mig.status, 201);
    const name = mig.body.metadata.name;
    await eventually(async () => assert.equal((await call(`${endpoint}${KV}/virtualmachineinstancemigrations/${name}`, { headers })).body.status.phase, 'Succeeded'));
    const events = await seen;
    assert.ok(events.every((e) => e.type === 'MODIFIED' || e.type === 'ADDED'));
    const onTarget = (await call(`${endpoint}${KV}/virtualmachineinstances?labelSelector=kubevirt.io/nodeName=${nodes[1]}`, { headers })).body.items;
    assert.ok(onTarget.some((v: { metadata: { name: string } }) => v.metadata.name === 'mover'));
    assert.ok(onTarget.every((v: { status: { nodeName: string } }) => v.status.nodeName === nodes[1]));
  });

  it('stops a VM (its VMI disappears from a watch) and starts it again', async () => {
    await call(`${endpoint}${KV}/virtualmachines`, { method: 'POST', headers, body: vmBody('toggle') });
    await eventually(async () => assert.equal((await call(`${endpoint}${KV}/virtualmachineinstances/toggle`, { headers })).body.status.phase, 'Running'));
    const rv = (await call(`${endpoint}${KV}/virtualmachines?limit=1`, { headers })).body.metadata.resourceVersion;
    const seen = watch(`${endpoint}${KV}/virtualmachineinstances?watch=true&timeoutSeconds=20&resourceVersion=${rv}`, token, (events) => events.some((e) => e.type === 'DELETED'));
    const SUB = `${endpoint}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/toggle`;
    assert.equal((await call(`${SUB}/stop`, { method: 'PUT', headers })).status, 202);
    const events = await seen;
    assert.equal(events.find((e) => e.type === 'DELETED')?.object.metadata.name, 'toggle');
    assert.equal((await call(`${endpoint}${KV}/virtualmachineinstances/toggle`, { headers })).status, 404);
    assert.equal((await call(`${endpoint}${KV}/virtualmachines/toggle`, { headers })).body.status.printableStatus, 'Stopped');
    const again = await call(`${SUB}/stop`, { method: 'PUT', headers });
    assert.equal(again.status, 409);
    assert.equal((await call(`${SUB}/start`, { method: 'PUT', headers })).status, 202);
    await eventually(async () => assert.equal((await call(`${endpoint}${KV}/virtualmachines/toggle`, { headers })).body.status.printableStatus, 'Running'));
  });

  it('answers 410 Expired for a resourceVersion older than the retained changes', async () => {
    for (let i = 0; i < 30; i++) sim.admin.setHostUp('site-3', 'site-3-std-d2-1250', i % 2 === 0);
    const res = await call(`${endpoint}/api/v1/nodes?watch=true&resourceVersion=1`, { headers });
    assert.equal(res.status, 410);
    assert.equal(res.body.reason, 'Expired');
  });
});
