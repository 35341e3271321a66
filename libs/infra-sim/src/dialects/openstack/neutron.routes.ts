import { validateInput } from '#vorch/contracts';
import type { Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Network, Port, Subnet } from '../../model/entities.js';
import { familyOf } from '../../model/ip-block.js';
import { InvalidRequestError } from '../../model/sim-errors.js';
import { markerPage } from '../marker-page.js';
import { CreateNetworkBody, CreatePortBody, CreateSubnetBody } from './neutron-inputs.js';

const BASE = '/network/v2.0';

/** Neutron: networks with provider segments, subnets, and ports whose MAC/IP come from the site's IPAM. */
export function addNeutronRoutes(routes: RouteTable, site: SimSite, projectId: string): void {
  const { model, networking } = site;

  const network = (n: Network) => ({
    id: n.id,
    name: n.name,
    status: 'ACTIVE',
    admin_state_up: true,
    subnets: n.subnetIds,
    'provider:network_type': n.segment.type,
    'provider:segmentation_id': n.segment.id,
    'provider:physical_network': n.physicalNetwork || null,
    mtu: n.segment.type === 'vlan' ? 1500 : 1450,
    shared: false,
    'router:external': false,
    tenant_id: projectId,
    project_id: projectId,
    created_at: n.createdAt,
    revision_number: n.version,
  });
  const subnet = (s: Subnet) => ({
    id: s.id,
    name: s.name,
    network_id: s.networkId,
    cidr: s.cidr,
    ip_version: s.allocator.family,
    gateway_ip: s.gateway,
    allocation_pools: s.allocator.allocationPools,
    ipv6_address_mode: s.ipv6AddressMode ?? null,
    ipv6_ra_mode: s.ipv6RaMode ?? null,
    enable_dhcp: true,
    tenant_id: projectId,
    project_id: projectId,
  });
  const port = (p: Port) => {
    const vm = p.vmId ? model.vms.get(p.vmId) : undefined;
    const host = vm ? model.hosts.get(vm.hostId) : undefined;
    return {
      id: p.id,
      name: p.name,
      network_id: p.networkId,
      mac_address: p.mac,
      fixed_ips: p.fixedIps.map((f) => ({ subnet_id: f.subnetId, ip_address: f.ip })),
      device_id: vm?.id ?? '',
      device_owner: host ? `compute:${host.failureDomain}` : '',
      status: vm ? 'ACTIVE' : 'DOWN',
      admin_state_up: true,
      'binding:host_id': host?.name ?? '',
      tenant_id: projectId,
      project_id: projectId,
      revision_number: p.version,
    };
  };

  routes.add('GET', `${BASE}/networks`, (ex): Reply => {
    const name = ex.query.get('name');
    const page = markerPage(ex, model.networks, name ? (n) => n.name === name : undefined);
    return { status: 200, body: { networks: page.items.map(network), ...(page.links ? { networks_links: page.links } : {}) } };
  });
  routes.add('GET', `${BASE}/networks/:id`, (ex): Reply => ({ status: 200, body: { network: network(model.requireNetwork(ex.params.id)) } }));
  routes.add('POST', `${BASE}/networks`, async (ex): Promise<Reply> => {
    const input = validateInput(CreateNetworkBody, await ex.json()).network;
    const type = input['provider:network_type'] ?? 'vxlan';
    const created = networking.createNetwork({
      name: input.name ?? '',
      segment: { type, id: input['provider:segmentation_id'] ?? networking.freeSegment(type) },
      physicalNetwork: input['provider:physical_network'],
    });
    return { status: 201, body: { network: network(created) } };
  });
  routes.add('DELETE', `${BASE}/networks/:id`, (ex): Reply => {
    networking.deleteNetwork(ex.params.id);
    return { status: 204 };
  });

  routes.add('GET', `${BASE}/subnets`, (ex): Reply => {
    const networkId = ex.query.get('network_id');
    const page = markerPage(ex, model.subnets, networkId ? (s) => s.networkId === networkId : undefined);
    return { status: 200, body: { subnets: page.items.map(subnet), ...(page.links ? { subnets_links: page.links } : {}) } };
  });
  routes.add('GET', `${BASE}/subnets/:id`, (ex): Reply => ({ status: 200, body: { subnet: subnet(model.requireSubnet(ex.params.id)) } }));
  routes.add('POST', `${BASE}/subnets`, async (ex): Promise<Reply> => {
    const input = validateInput(CreateSubnetBody, await ex.json()).subnet;
    const family = familyOf(input.cidr);
    if (input.ip_version !== undefined && input.ip_version !== family) throw new InvalidRequestError(`cidr ${input.cidr} is not an IPv${input.ip_version} subnet`);
    if (family === 4 && (input.ipv6_address_mode || input.ipv6_ra_mode)) throw new InvalidRequestError('ipv6_address_mode and ipv6_ra_mode apply to IPv6 subnets only');
    const created = networking.addSubnet(input.network_id, {
      cidr: input.cidr,
      gateway: input.gateway_ip,
      name: input.name,
      ipv6AddressMode: input.ipv6_address_mode,
      ipv6RaMode: input.ipv6_ra_mode,
      allocationPools: input.allocation_pools?.map(({ start, end }) => ({ start, end })),
    });
    return { status: 201, body: { subnet: subnet(created) } };
  });
  routes.add('DELETE', `${BASE}/subnets/:id`, (ex): Reply => {
    networking.deleteSubnet(ex.params.id);
    return { status: 204 };
  });

  routes.add('GET', `${BASE}/ports`, (ex): Reply => {
    const networkId = ex.query.get('network_id');
    const deviceId = ex.query.get('device_id');
    const mac = ex.query.get('mac_address')?.toLowerCase();
    const filters: ((p: Port) => boolean)[] = [];
    if (deviceId) filters.push((p) => p.vmId === deviceId);
    if (mac) filters.push((p) => p.mac === mac);
    const filter = filters.length ? (p: Port) => filters.every((f) => f(p)) : undefined;
    if (networkId) {
      const inNetwork = (p: Port) => p.networkId === networkId && (!filter || filter(p));
      // Unpaged, a network filter reads that network's ports from its index instead of walking the whole site.
      if (!ex.query.has('limit') && !ex.query.has('marker')) {
        const ports = [...model.portsOf(networkId)].filter(inNetwork).sort((a, b) => a.serial - b.serial);
        return { status: 200, body: { ports: ports.map(port) } };
      }
      const page = markerPage(ex, model.ports, inNetwork);
      return { status: 200, body: { ports: page.items.map(port), ...(page.links ? { ports_links: page.links } : {}) } };
    }
    const page = markerPage(ex, model.ports, filter);
    return { status: 200, body: { ports: page.items.map(port), ...(page.links ? { ports_links: page.links } : {}) } };
  });
  routes.add('GET', `${BASE}/ports/:id`, (ex): Reply => ({ status: 200, body: { port: port(model.requirePort(ex.params.id)) } }));
  routes.add('POST', `${BASE}/ports`, async (ex): Promise<Reply> => {
    const input = validateInput(CreatePortBody, await ex.json()).port;
    const fixedIps = input.fixed_ips?.map((f) => ({ subnetId: f.subnet_id, ip: f.ip_address }));
    const created = networking.createPort({ networkId: input.network_id, fixedIps, mac: input.mac_address, name: input.name });
    return { status: 201, body: { port: port(created) } };
  });
  routes.add('DELETE', `${BASE}/ports/:id`, (ex): Reply => {
    networking.deletePort(ex.params.id);
    return { status: 204 };
  });
}
