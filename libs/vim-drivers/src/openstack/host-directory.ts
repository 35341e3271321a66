import { mapLimited } from '../async/map-limited.js';
import { DriverNotFoundError, type VimFault } from '../driver-errors.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { Gpu, Host } from '../inventory.js';
import { gpuModelOfTraits, toHost } from './openstack-mapping.js';
import type { NovaAvailabilityZone, NovaHypervisor, PlacementInventory } from './openstack-wire.js';

const COMPUTE = '/compute/v2.1';
const PLACEMENT = '/placement';
const ZONES_TTL_MS = 30000;
// GPUs are hardware: re-reading them from Placement on every inventory walk would cost a call per host each time.
const GPUS_TTL_MS = 10 * 60000;

/**
 * What it takes to turn Nova hypervisors into Hosts and back: Nova names a host by its hypervisor id in the
 * hypervisor list but by host name in servers and migrations; the failure domain is in the availability zones;
 * GPUs are in Placement (one resource provider per hypervisor, same uuid).
 */
export class HostDirectory {
  private readonly idByName = new Map<string, string>();
  private readonly nameById = new Map<string, string>();
  private zones?: { at: number; byHost: Map<string, string> };
  private readonly gpus = new Map<string, { at: number; gpus: Gpu[] }>();

  constructor(
    private readonly http: DialectHttpClient,
    private readonly fault: (extra: Record<string, unknown>) => VimFault,
  ) {}

  async toHosts(hypervisors: NovaHypervisor[], signal?: AbortSignal): Promise<Host[]> {
    const zones = await this.zoneOfHost(signal);
    const gpus = await mapLimited(hypervisors, 16, (h) => this.gpusOf(h.id, signal));
    return hypervisors.map((h, i) => {
      this.remember(h.id, h.hypervisor_hostname);
      return toHost(h, zones.get(h.hypervisor_hostname) ?? '', gpus[i]!);
    });
  }

  async nameOf(hostId: string, signal?: AbortSignal): Promise<string> {
    const known = this.nameById.get(hostId);
    if (known) return known;
    const { hypervisor } = await this.http.json<{ hypervisor: NovaHypervisor }>({ method: 'GET', path: `${COMPUTE}/os-hypervisors/${encodeURIComponent(hostId)}`, signal });
    this.remember(hypervisor.id, hypervisor.hypervisor_hostname);
    return hypervisor.hypervisor_hostname;
  }

  async idOf(hostName: string, signal?: AbortSignal): Promise<string> {
    const known = this.idByName.get(hostName);
    if (known) return known;
    const res = await this.http.json<{ resource_providers: Array<{ uuid: string }> }>({ method: 'GET', path: `${PLACEMENT}/resource_providers`, query: { name: hostName }, signal });
    const rp = res.resource_providers[0];
    if (!rp) throw new DriverNotFoundError(`no hypervisor is named ${hostName}`, this.fault({ host: hostName }));
    this.remember(rp.uuid, hostName);
    return rp.uuid;
  }

  private remember(id: string, name: string): void {
    this.idByName.set(name, id);
    this.nameById.set(id, name);
  }

  private async zoneOfHost(signal?: AbortSignal): Promise<Map<string, string>> {
    if (this.zones && Date.now() - this.zones.at < ZONES_TTL_MS) return this.zones.byHost;
    const res = await this.http.json<{ availabilityZoneInfo: NovaAvailabilityZone[] }>({ method: 'GET', path: `${COMPUTE}/os-availability-zone/detail`, signal });
    const byHost = new Map<string, string>();
    for (const z of res.availabilityZoneInfo) {
      if (z.zoneName === 'internal') continue;
      for (const host of Object.keys(z.hosts ?? {})) byHost.set(host, z.zoneName);
    }
    this.zones = { at: Date.now(), byHost };
    return byHost;
  }

  private async gpusOf(providerId: string, signal?: AbortSignal): Promise<Gpu[]> {
    const cached = this.gpus.get(providerId);
    if (cached && Date.now() - cached.at < GPUS_TTL_MS) return cached.gpus;
    const inv = await this.http.json<{ inventories: Record<string, PlacementInventory> }>({ method: 'GET', path: `${PLACEMENT}/resource_providers/${providerId}/inventories`, signal });
    const count = inv.inventories.VGPU?.total ?? 0;
    let gpus: Gpu[] = [];
    if (count > 0) {
      const { traits } = await this.http.json<{ traits: string[] }>({ method: 'GET', path: `${PLACEMENT}/resource_providers/${providerId}/traits`, signal });
      gpus = [{ model: gpuModelOfTraits(traits) ?? 'unknown', count }];
    }
    this.gpus.set(providerId, { at: Date.now(), gpus });
    return gpus;
  }
}
