import type { Reply } from '../../http/exchange.js';
import type { RouteTable } from '../../http/route-table.js';
import type { Host } from '../../model/entities.js';
import type { SiteModel } from '../../model/site-model.js';

/** Placement: one resource provider per hypervisor (same UUID), its inventories, usages and traits. */
export function addPlacementRoutes(routes: RouteTable, model: SiteModel): void {
  const provider = (h: Host) => ({ uuid: h.id, name: h.name, generation: h.version, parent_provider_uuid: null, root_provider_uuid: h.id, links: [] });
  const inventory = (total: number) => ({ total, reserved: 0, min_unit: 1, max_unit: total, step_size: 1, allocation_ratio: 1.0 });

  routes.add('GET', '/placement/resource_providers', (ex): Reply => {
    const name = ex.query.get('name');
    const hosts = name ? [model.hostsByName.get(name)].filter((h): h is Host => h !== undefined) : model.hostList;
    return { status: 200, body: { resource_providers: hosts.map(provider) } };
  });

  routes.add('GET', '/placement/resource_providers/:uuid', (ex): Reply => ({ status: 200, body: provider(model.requireHost(ex.params.uuid)) }));

  routes.add('GET', '/placement/resource_providers/:uuid/inventories', (ex): Reply => {
    const h = model.requireHost(ex.params.uuid);
    const inventories: Record<string, unknown> = { VCPU: inventory(h.cpus), MEMORY_MB: inventory(h.memoryMb) };
    if (h.gpus) inventories.VGPU = inventory(h.gpus.count);
    return { status: 200, body: { resource_provider_generation: h.version, inventories } };
  });

  routes.add('GET', '/placement/resource_providers/:uuid/usages', (ex): Reply => {
    const h = model.requireHost(ex.params.uuid);
    const usages: Record<string, number> = { VCPU: h.usedCpus, MEMORY_MB: h.usedMemoryMb };
    if (h.gpus) usages.VGPU = h.usedGpus;
    return { status: 200, body: { resource_provider_generation: h.version, usages } };
  });

  routes.add('GET', '/placement/resource_providers/:uuid/traits', (ex): Reply => {
    const h = model.requireHost(ex.params.uuid);
    return { status: 200, body: { resource_provider_generation: h.version, traits: traitsOf(h) } };
  });
}

/** CPU feature `sev-snp` → `HW_CPU_X86_SEV_SNP`; a TPM → the standard `COMPUTE_SECURITY_TPM_2_0`. */
export function traitsOf(h: Host): string[] {
  const traits = h.cpuFeatures.map((f) => `HW_CPU_X86_${f.toUpperCase().replaceAll('-', '_')}`);
  if (h.securityModules.includes('tpm')) traits.push('COMPUTE_SECURITY_TPM_2_0');
  if (h.gpus) traits.push(`CUSTOM_GPU_${h.gpus.model.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`);
  return traits;
}
