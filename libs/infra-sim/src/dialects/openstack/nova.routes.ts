import { validateInput } from '#vorch/contracts';
import { randomBytes } from 'node:crypto';
import type { Exchange, Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { SimSite } from '../../model/build-site.js';
import type { Flavor } from '../../model/entities.js';
import type { NicInput } from '../../model/site-compute.js';
import { InvalidRequestError, SimNotFoundError } from '../../model/sim-errors.js';
import { markerPage } from '../marker-page.js';
import { CreateServerBody, MigrateLiveInput } from './nova-inputs.js';
import { renderHypervisor, renderServer } from './nova-render.js';

const BASE = '/compute/v2.1';

/** Nova: hypervisors, availability zones, flavors, servers and their actions. */
export function addNovaRoutes(routes: RouteTable, site: SimSite, projectId: string): void {
  const { model, compute } = site;

  routes.add('GET', `${BASE}/os-hypervisors/detail`, (ex): Reply => {
    const page = markerPage(ex, model.hosts);
    return { status: 200, body: { hypervisors: page.items.map((h) => renderHypervisor(model, h)), ...(page.links ? { hypervisors_links: page.links } : {}) } };
  });

  routes.add('GET', `${BASE}/os-hypervisors/:id`, (ex): Reply => ({ status: 200, body: { hypervisor: renderHypervisor(model, model.requireHost(ex.params.id)) } }));

  routes.add('GET', `${BASE}/os-availability-zone/detail`, (): Reply => {
    const availabilityZoneInfo = model.identity.failureDomains.map((zone) => {
      const hosts: Record<string, unknown> = {};
      for (const h of model.hostsByDomain.get(zone) ?? []) {
        hosts[h.name] = { 'nova-compute': { available: h.up, active: true, updated_at: model.createdAt } };
      }
      return { zoneName: zone, zoneState: { available: true }, hosts };
    });
    return { status: 200, body: { availabilityZoneInfo } };
  });

  const renderFlavor = (f: Flavor) => ({
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ram: f.ramMb,
    disk: f.diskGb,
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'os-flavor-access:is_public': true,
    extra_specs: f.gpus ? { 'resources:VGPU': String(f.gpus) } : {},
  });
  routes.add('GET', `${BASE}/flavors/detail`, (): Reply => ({ status: 200, body: { flavors: model.identity.flavors.map(renderFlavor) } }));
  routes.add('GET', `${BASE}/flavors/:id`, (ex): Reply => ({ status: 200, body: { flavor: renderFlavor(findFlavor(model.identity.flavors, ex.params.id)) } }));

  routes.add('POST', `${BASE}/servers`, async (ex): Promise<Reply> => {
    const { server } = validateInput(CreateServerBody, await ex.json());
    const flavor = findFlavor(model.identity.flavors, server.flavorRef.split('/').pop() ?? '');
    // "zone:host" pins the host, as Nova lets administrators do.
    const [zone, zoneHost] = (server.availability_zone ?? '').split(':');
    const hostName = server.host ?? zoneHost;
    if (typeof server.networks === 'string' && server.networks !== 'auto' && server.networks !== 'none') throw new InvalidRequestError('networks must be a list, "auto" or "none"');
    const nics: NicInput[] = (Array.isArray(server.networks) ? server.networks : []).map((n, i) => {
      if (n.port) return { name: `nic${i}`, portId: n.port };
      if (!n.uuid) throw new InvalidRequestError('each network needs a uuid or a port');
      return { name: `nic${i}`, networkId: model.requireNetwork(n.uuid).id, ips: n.fixed_ip ? [n.fixed_ip] : undefined };
    });
    const vm = compute.createVm({
      name: server.name,
      vcpus: flavor.vcpus,
      memoryMb: flavor.ramMb,
      gpus: flavor.gpus,
      flavorId: flavor.id,
      hostId: hostName ? model.requireHostByName(hostName).id : undefined,
      failureDomain: zone || undefined,
      nics,
      start: 'async',
      metadata: server.metadata,
    });
    return {
      status: 202,
      headers: { location: `${ex.endpoint}${BASE}/servers/${vm.id}` },
      body: { server: { id: vm.id, links: [{ rel: 'self', href: `${ex.endpoint}${BASE}/servers/${vm.id}` }], adminPass: randomBytes(9).toString('base64url'), 'OS-DCF:diskConfig': 'MANUAL', security_groups: [{ name: 'default' }] } },
    };
  });

  routes.add('GET', `${BASE}/servers/detail`, (ex): Reply => {
    const hostName = ex.query.get('host');
    const name = ex.query.get('name');
    const nameRe = name ? safeRegExp(name) : undefined;
    let filter: ((vm: import('../../model/entities.js').Vm) => boolean) | undefined;
    if (hostName) {
      const host = model.hostsByName.get(hostName);
      const hostId = host?.id ?? '';
      filter = (vm) => vm.hostId === hostId && (!nameRe || nameRe.test(vm.name));
    } else if (nameRe) {
      filter = (vm) => nameRe.test(vm.name);
    }
    const page = markerPage(ex, model.vms, filter);
    return { status: 200, body: { servers: page.items.map((vm) => renderServer(model, vm, projectId)), ...(page.links ? { servers_links: page.links } : {}) } };
  });

  routes.add('GET', `${BASE}/servers/:id`, (ex): Reply => ({ status: 200, body: { server: renderServer(model, model.requireVm(ex.params.id), projectId) } }));

  routes.add('DELETE', `${BASE}/servers/:id`, (ex): Reply => {
    compute.deleteVm(ex.params.id);
    return { status: 204 };
  });

  routes.add('POST', `${BASE}/servers/:id/action`, async (ex: Exchange): Promise<Reply> => {
    const body = (await ex.json()) as Record<string, unknown> | undefined;
    const action = body ? Object.keys(body)[0] : undefined;
    const vm = model.requireVm(ex.params.id);
    switch (action) {
      case 'os-start':
        compute.startVm(vm.id);
        return { status: 202 };
      case 'os-stop':
        compute.stopVm(vm.id);
        return { status: 202 };
      case 'os-migrateLive': {
        const input = validateInput(MigrateLiveInput, body?.[action] ?? {});
        compute.migrateVm(vm.id, { targetHostId: input.host ? model.requireHostByName(input.host).id : undefined });
        return { status: 202 };
      }
      default:
        throw new InvalidRequestError(`unsupported action ${action ?? '(none)'}; this simulator knows os-start, os-stop and os-migrateLive`);
    }
  });
}

function findFlavor(flavors: Flavor[], ref: string): Flavor {
  const flavor = flavors.find((f) => f.id === ref || f.name === ref);
  if (!flavor) throw new SimNotFoundError('flavor', ref);
  return flavor;
}

function safeRegExp(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch {
    throw new InvalidRequestError(`name ${text} is not a valid regular expression`);
  }
}
