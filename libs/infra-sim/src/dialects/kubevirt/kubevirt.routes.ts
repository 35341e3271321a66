import type { Exchange, Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Entity, Host, Migration, Network, Vm } from '../../model/entities.js';
import { InvalidRequestError, SimAlreadyExistsError, SimNotFoundError } from '../../model/sim-errors.js';
import type { SubnetInput } from '../../model/site-networking.js';
import { kubeList } from './kube-list.js';
import type { KubeResource } from './kube-resource.js';
import { serveWatch } from './kube-watch.js';
import { KubeInvalidError } from './kubevirt-errors.js';
import type { KubeVirtIds } from './kubevirt-ids.js';
import { hasVmi, nodeLabels, renderMigration, renderNad, renderNode, renderStorageClass, renderVm, renderVmi, vmiLabels } from './kubevirt-render.js';
import { nodeId, objectName, vmInputFromKube } from './kubevirt-vm-spec.js';
import { whereaboutsPools } from './whereabouts-pools.js';

const KV = '/apis/kubevirt.io/v1';
const NAD = '/apis/k8s.cni.cncf.io/v1';

/** Nodes, storage classes, VirtualMachines, VMIs, migrations and NetworkAttachmentDefinitions, with list/watch. */
export function addKubeVirtRoutes(routes: RouteTable, site: SimSite, ids: KubeVirtIds): void {
  const { model, compute, networking } = site;
  const inNamespace = (ex: Exchange) => (e: { namespace: string }) => !ex.params.ns || e.namespace === ex.params.ns;

  const listOrWatch =
    <T extends Entity>(resource: (ex: Exchange) => KubeResource<T>) =>
    (ex: Exchange): Reply | void => {
      const r = resource(ex);
      if (ex.query.get('watch') === 'true' || ex.query.get('watch') === '1') return serveWatch(ex, model, r);
      return kubeList(ex, model, r);
    };

  const nodes = (): KubeResource<Host> => ({ kind: 'Node', apiVersion: 'v1', collection: model.hosts, entityKind: 'host', inScope: () => true, labels: nodeLabels, render: renderNode });
  const vms = (ex: Exchange): KubeResource<Vm> => ({ kind: 'VirtualMachine', apiVersion: 'kubevirt.io/v1', collection: model.vms, entityKind: 'vm', inScope: inNamespace(ex), labels: (vm) => vm.labels, render: renderVm });
  const vmis = (ex: Exchange): KubeResource<Vm> => ({
    kind: 'VirtualMachineInstance',
    apiVersion: 'kubevirt.io/v1',
    collection: model.vms,
    entityKind: 'vm',
    inScope: inNamespace(ex),
    existsIn: (phase) => phase !== 'stopped' && phase !== 'gone',
    labels: (vm) => vmiLabels(model, vm),
    render: (vm) => renderVmi(model, vm),
  });
  const migrations = (ex: Exchange): KubeResource<Migration> => ({
    kind: 'VirtualMachineInstanceMigration',
    apiVersion: 'kubevirt.io/v1',
    collection: model.migrations,
    entityKind: 'migration',
    inScope: inNamespace(ex),
    render: (m) => renderMigration(model, m),
  });
  const nads = (ex: Exchange): KubeResource<Network> => ({
    kind: 'NetworkAttachmentDefinition',
    apiVersion: 'k8s.cni.cncf.io/v1',
    collection: model.networks,
    entityKind: 'network',
    inScope: inNamespace(ex),
    render: (n) => renderNad(model, n),
  });

  routes.add('GET', '/api/v1/nodes', listOrWatch(nodes));
  routes.add('GET', '/api/v1/nodes/:name', (ex): Reply => ({ status: 200, body: renderNode(ids.findHost(ex.params.name)) }));

  routes.add('GET', '/apis/storage.k8s.io/v1/storageclasses', (): Reply => ({
    status: 200,
    body: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClassList', metadata: { resourceVersion: String(model.feed.latest) }, items: model.storage.map(renderStorageClass) },
  }));

  routes.add('GET', `${KV}/virtualmachines`, listOrWatch(vms));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachines`, listOrWatch(vms));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachines/:name`, (ex): Reply => ({ status: 200, body: renderVm(ids.findVm(ex.params.name, ex.params.ns)) }));
  routes.add('POST', `${KV}/namespaces/:ns/virtualmachines`, async (ex): Promise<Reply> => {
    const vm = compute.createVm(vmInputFromKube(await ex.json(), ex.params.ns, ids));
    return { status: 201, body: renderVm(vm) };
  });
  routes.add('DELETE', `${KV}/namespaces/:ns/virtualmachines/:name`, (ex): Reply => {
    const vm = compute.deleteVm(ids.findVm(ex.params.name, ex.params.ns).id);
    return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: vm.name, kind: 'virtualmachines', uid: vm.id } } };
  });

  const SUB = '/apis/subresources.kubevirt.io/v1/namespaces/:ns/virtualmachines/:name';
  routes.add('PUT', `${SUB}/start`, (ex): Reply => {
    compute.startVm(ids.findVm(ex.params.name, ex.params.ns).id, { async: true });
    return { status: 202 };
  });
  routes.add('PUT', `${SUB}/stop`, (ex): Reply => {
    compute.stopVm(ids.findVm(ex.params.name, ex.params.ns).id);
    return { status: 202 };
  });

  routes.add('GET', `${KV}/virtualmachineinstances`, listOrWatch(vmis));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachineinstances`, listOrWatch(vmis));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachineinstances/:name`, (ex): Reply => {
    const vm = ids.findVm(ex.params.name, ex.params.ns);
    if (!hasVmi(vm)) throw new SimNotFoundError('vm', `${ex.params.ns}/${ex.params.name} (instance)`);
    return { status: 200, body: renderVmi(model, vm) };
  });

  routes.add('GET', `${KV}/virtualmachineinstancemigrations`, listOrWatch(migrations));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachineinstancemigrations`, listOrWatch(migrations));
  routes.add('GET', `${KV}/namespaces/:ns/virtualmachineinstancemigrations/:name`, (ex): Reply => ({
    status: 200,
    body: renderMigration(model, ids.findMigration(ex.params.name, ex.params.ns)),
  }));
  routes.add('POST', `${KV}/namespaces/:ns/virtualmachineinstancemigrations`, async (ex): Promise<Reply> => {
    const body = asObject(await ex.json());
    const name = objectName(asObject(body.metadata));
    if (model.migrationsByKey.has(`${ex.params.ns}/${name}`)) throw new SimAlreadyExistsError('migration', name);
    const spec = asObject(body.spec);
    if (typeof spec.vmiName !== 'string') throw new InvalidRequestError('spec.vmiName is required');
    const vm = ids.findVm(spec.vmiName, ex.params.ns);
    if (!hasVmi(vm) || vm.phase === 'building') throw new KubeInvalidError(`VMI ${spec.vmiName} is not running`);
    const target = asObject(spec.addedNodeSelector)['kubernetes.io/hostname'];
    const migration = compute.migrateVm(vm.id, { name, namespace: ex.params.ns, targetHostId: typeof target === 'string' ? nodeId(ids, target) : undefined });
    return { status: 201, body: renderMigration(model, migration) };
  });

  routes.add('GET', `${NAD}/network-attachment-definitions`, listOrWatch(nads));
  routes.add('GET', `${NAD}/namespaces/:ns/network-attachment-definitions`, listOrWatch(nads));
  routes.add('GET', `${NAD}/namespaces/:ns/network-attachment-definitions/:name`, (ex): Reply => ({
    status: 200,
    body: renderNad(model, ids.findNetwork(ex.params.name, ex.params.ns)),
  }));
  routes.add('POST', `${NAD}/namespaces/:ns/network-attachment-definitions`, async (ex): Promise<Reply> => {
    const body = asObject(await ex.json());
    const name = objectName(asObject(body.metadata));
    const config = asObject(body.spec).config;
    if (typeof config !== 'string') throw new InvalidRequestError('spec.config must be a JSON string');
    const cni = parseCniConfig(config);
    const segment = cni.vlan !== undefined ? { type: 'vlan' as const, id: cni.vlan } : { type: 'vxlan' as const, id: cni.vni ?? networking.freeSegment('vxlan') };
    const network = networking.createNetwork({ name, namespace: ex.params.ns, segment, subnets: cni.ranges, uniqueName: true, config });
    return { status: 201, body: renderNad(model, network) };
  });
  routes.add('DELETE', `${NAD}/namespaces/:ns/network-attachment-definitions/:name`, (ex): Reply => {
    const network = networking.deleteNetwork(ids.findNetwork(ex.params.name, ex.params.ns).id);
    return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: network.name, kind: 'network-attachment-definitions', uid: network.id } } };
  });
}

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

interface CniConfig {
  vlan?: number;
  vni?: number;
  /** whereabouts `range` (one subnet) or `ipRanges` (one per IP family, dual-stack), each with its pools. */
  ranges: SubnetInput[];
}

function parseCniConfig(text: string): CniConfig {
  let parsed: Record<string, unknown>;
  try {
    parsed = asObject(JSON.parse(text));
  } catch {
    throw new InvalidRequestError('spec.config is not valid JSON');
  }
  const ranges = whereaboutsRanges(asObject(parsed.ipam));
  const vlan = parsed.vlan === undefined ? undefined : Number(parsed.vlan);
  const vni = parsed.vni === undefined ? undefined : Number(parsed.vni);
  for (const [key, v] of [['vlan', vlan], ['vni', vni]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new InvalidRequestError(`spec.config ${key} must be a positive integer`);
  }
  return { vlan, vni, ranges };
}

/** The same fields sit on `ipam` itself for one subnet and on each `ipRanges` entry for several. */
function whereaboutsRanges(ipam: Record<string, unknown>): SubnetInput[] {
  const subnetOf = (o: Record<string, unknown>, cidr: string): SubnetInput => ({
    cidr,
    gateway: typeof o.gateway === 'string' ? o.gateway : undefined,
    allocationPools: whereaboutsPools(o, cidr),
  });
  if (typeof ipam.range === 'string') return [subnetOf(ipam, ipam.range)];
  const list = Array.isArray(ipam.ipRanges) ? ipam.ipRanges.map(asObject) : [];
  if (list.length === 0 || list.some((r) => typeof r.range !== 'string')) throw new InvalidRequestError('spec.config needs ipam.range or ipam.ipRanges[].range (the subnets)');
  return list.map((r) => subnetOf(r, r.range as string));
}
