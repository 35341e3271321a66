import { validateInput } from '#vorch/contracts';
import type { Exchange, Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Host, Storage, Vm } from '../../model/entities.js';
import type { NicInput } from '../../model/site-compute.js';
import { InvalidRequestError, InvalidStateError, SimNotFoundError } from '../../model/sim-errors.js';
import type { VSphereIds } from './vsphere-ids.js';
import { PortgroupCreateSpec, RelocateBody, VmCreateSpec } from './vsphere-inputs.js';
import { vsphereList } from './vsphere-page.js';
import { powerState, renderHostSummary, renderPortgroupSubnet, renderTask, renderVmDetail, renderVmSummary } from './vsphere-render.js';

/** vCenter inventory (clusters, hosts, datastores, networks), VMs, power, relocate tasks. */
export function addVSphereRoutes(routes: RouteTable, site: SimSite, ids: VSphereIds): void {
  const { model, compute, networking } = site;

  routes.add('GET', '/api/vcenter/cluster', (): Reply => ({
    status: 200,
    body: model.identity.failureDomains.map((d) => ({ cluster: ids.cluster(d), name: d, ha_enabled: true, drs_enabled: true })),
  }));

  routes.add('GET', '/api/vcenter/host', (ex): Reply => {
    const names = new Set(ex.list('names'));
    const hostIds = new Set(ex.list('hosts'));
    const domains = new Set(ex.list('clusters').map((c) => ids.domainOfCluster(c) ?? '?'));
    const states = new Set(ex.list('connection_states'));
    const filter =
      names.size || hostIds.size || domains.size || states.size
        ? (h: Host) =>
            (!names.size || names.has(h.name)) &&
            (!hostIds.size || hostIds.has(ids.of(h))) &&
            (!domains.size || domains.has(h.failureDomain)) &&
            (!states.size || states.has(h.up ? 'CONNECTED' : 'NOT_RESPONDING'))
        : undefined;
    return vsphereList(ex, model.hosts, (h) => renderHostSummary(model, ids, h), filter);
  });

  routes.add('GET', '/api/vcenter/host/:host', (ex): Reply => ({ status: 200, body: renderHostSummary(model, ids, ids.findHost(ex.params.host)) }));

  const datastoreId = (s: Storage) => `datastore-${s.serial}`;
  const findDatastore = (ref: string) => model.storage.find((s) => datastoreId(s) === ref) ?? notFound('storage', ref);
  routes.add('GET', '/api/vcenter/datastore', (): Reply => ({
    status: 200,
    body: model.storage.map((s) => ({ datastore: datastoreId(s), name: s.name, type: s.storageKind === 'array' ? 'VMFS' : 'VSAN', free_space: s.freeGb * 2 ** 30, capacity: s.capacityGb * 2 ** 30 })),
  }));
  routes.add('GET', '/api/vcenter/datastore/:ds', (ex): Reply => {
    const s = findDatastore(ex.params.ds);
    return {
      status: 200,
      body: {
        name: s.name,
        type: s.storageKind === 'array' ? 'VMFS' : 'VSAN',
        accessible: true,
        free_space: s.freeGb * 2 ** 30,
        capacity: s.capacityGb * 2 ** 30,
        thin_provisioning_supported: true,
        multiple_host_access: true,
        vorch_kind: s.storageKind,
        vorch_replication: { modes: s.replicationModes, peers: s.peerNames.map((p) => model.storage.find((x) => x.name === p)).filter((x): x is Storage => !!x).map(datastoreId) },
        vorch_reachable_clusters: s.reachableFrom.map((d) => ids.cluster(d)),
      },
    };
  });

  routes.add('GET', '/api/vcenter/network', (ex): Reply => {
    const names = new Set(ex.list('names'));
    const networkIds = new Set(ex.list('networks'));
    return vsphereList(
      ex,
      model.networks,
      (n) => ({ network: ids.of(n), name: n.name, type: 'DISTRIBUTED_PORTGROUP' }),
      names.size || networkIds.size ? (n) => (!names.size || names.has(n.name)) && (!networkIds.size || networkIds.has(ids.of(n))) : undefined,
    );
  });
  routes.add('GET', '/api/vcenter/network/:network', (ex): Reply => {
    const n = ids.findNetwork(ex.params.network);
    const subnets = n.subnetIds.map((id) => renderPortgroupSubnet(model.requireSubnet(id)));
    return { status: 200, body: { network: ids.of(n), name: n.name, type: 'DISTRIBUTED_PORTGROUP', vorch_segment: n.segment, vorch_subnets: subnets } };
  });
  routes.add('POST', '/api/vcenter/network', async (ex): Promise<Reply> => {
    const spec = validateInput(PortgroupCreateSpec, await ex.json());
    const subnets = spec.subnets?.map((s) => ({
      cidr: s.cidr,
      gateway: s.gateway,
      allocationPools: s.ip_ranges?.map((r) => ({ start: r.start_address, end: r.end_address })),
    }));
    const n = networking.createNetwork({ name: spec.name, segment: { type: spec.segment.type, id: spec.segment.id }, subnets, uniqueName: true });
    return { status: 201, body: ids.of(n) };
  });
  routes.add('DELETE', '/api/vcenter/network/:network', (ex): Reply => {
    networking.deleteNetwork(ids.findNetwork(ex.params.network).id);
    return { status: 204 };
  });

  routes.add('GET', '/api/vcenter/vm', (ex): Reply => {
    const names = new Set(ex.list('names'));
    const vmIds = new Set(ex.list('vms'));
    const states = new Set(ex.list('power_states'));
    const domains = new Set(ex.list('clusters').map((c) => ids.domainOfCluster(c) ?? '?'));
    const hostRefs = ex.list('hosts');
    const hostIds = new Set(hostRefs.map((h) => ids.findHost(h).id));
    const filter = (vm: Vm) =>
      (!names.size || names.has(vm.name)) &&
      (!vmIds.size || vmIds.has(ids.of(vm))) &&
      (!states.size || states.has(powerState(vm))) &&
      (!hostIds.size || hostIds.has(vm.hostId)) &&
      (!domains.size || domains.has(model.requireHost(vm.hostId).failureDomain));
    // Filtering by host reads the host's VM index instead of walking every VM of the site.
    if (hostIds.size && !ex.query.has('page_size')) {
      const vms = [...hostIds].flatMap((h) => [...model.vmsOn(h)]).filter(filter).sort((a, b) => a.serial - b.serial);
      return { status: 200, body: vms.map((vm) => renderVmSummary(ids, vm)) };
    }
    return vsphereList(ex, model.vms, (vm) => renderVmSummary(ids, vm), filter);
  });

  routes.add('GET', '/api/vcenter/vm/:vm', (ex): Reply => ({ status: 200, body: renderVmDetail(model, ids, ids.findVm(ex.params.vm)) }));

  routes.add('POST', '/api/vcenter/vm', async (ex): Promise<Reply> => {
    const spec = validateInput(VmCreateSpec, await ex.json());
    const nics: NicInput[] = (spec.nics ?? []).map((nic, i) => {
      const name = String(4000 + i);
      if (nic.vorch_port) return { name, portId: nic.vorch_port };
      if (!nic.backing) throw new InvalidRequestError(`nics.${i} needs a backing network or a vorch_port`);
      if (nic.mac_type === 'MANUAL' && !nic.mac_address) throw new InvalidRequestError(`nics.${i}.mac_address is required with mac_type MANUAL`);
      if (nic.vorch_ip_address && nic.vorch_ip_addresses) throw new InvalidRequestError(`nics.${i}: give vorch_ip_address or vorch_ip_addresses, not both`);
      const ips = nic.vorch_ip_addresses ?? (nic.vorch_ip_address ? [nic.vorch_ip_address] : undefined);
      return { name, networkId: ids.findNetwork(nic.backing.network).id, mac: nic.mac_type === 'MANUAL' ? nic.mac_address : undefined, ips };
    });
    const vm = compute.createVm({
      name: spec.name,
      vcpus: spec.cpu?.count ?? 1,
      memoryMb: spec.memory?.size_MiB ?? 1024,
      hostId: spec.placement?.host ? ids.findHost(spec.placement.host).id : undefined,
      failureDomain: spec.placement?.cluster ? (ids.domainOfCluster(spec.placement.cluster) ?? notFound('host', spec.placement.cluster)) : undefined,
      nics,
      start: spec.power_on ? 'now' : 'off',
      metadata: { guest_OS: spec.guest_OS ?? 'OTHER_LINUX_64' },
      uniqueName: true,
    });
    return { status: 201, body: ids.of(vm) };
  });

  routes.add('DELETE', '/api/vcenter/vm/:vm', (ex): Reply => {
    const vm = ids.findVm(ex.params.vm);
    if (vm.phase !== 'stopped') throw new InvalidStateError('vm', ids.of(vm), 'powered on', 'delete');
    compute.deleteVm(vm.id);
    return { status: 204 };
  });

  routes.add('GET', '/api/vcenter/vm/:vm/power', (ex): Reply => ({ status: 200, body: { state: powerState(ids.findVm(ex.params.vm)) } }));

  routes.add('POST', '/api/vcenter/vm/:vm/power', (ex): Reply => {
    const vm = ids.findVm(ex.params.vm);
    const action = ex.query.get('action');
    if (action === 'start') compute.startVm(vm.id);
    else if (action === 'stop') compute.stopVm(vm.id);
    else throw new InvalidRequestError('action must be start or stop');
    return { status: 204 };
  });

  routes.add('POST', '/api/vcenter/vm/:vm', async (ex: Exchange): Promise<Reply> => {
    if (ex.query.get('action') !== 'relocate') throw new InvalidRequestError('the only VM action here is relocate');
    const body = validateInput(RelocateBody, await ex.json());
    const vm = ids.findVm(ex.params.vm);
    const migration = compute.migrateVm(vm.id, { targetHostId: ids.findHost(body.spec.placement.host).id });
    if (ex.query.get('vmw-task') === 'true') return { status: 202, body: ids.of(migration) };
    // Without vmw-task the real API blocks until the relocation ends.
    while (migration.phase === 'running' || migration.phase === 'pending') await new Promise((r) => setTimeout(r, 10));
    if (migration.phase === 'failed') throw new InvalidStateError('vm', ids.of(vm), 'unreachable target', 'relocate');
    return { status: 204 };
  });

  routes.add('GET', '/api/cis/tasks/:task', (ex): Reply => ({ status: 200, body: renderTask(model, ids, ids.findTask(ex.params.task)) }));
}

function notFound(kind: 'storage' | 'host', ref: string): never {
  throw new SimNotFoundError(kind, ref);
}
