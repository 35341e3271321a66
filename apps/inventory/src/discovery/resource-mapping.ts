import type { Host, Network, Port, SecurityModule, StoragePool, VirtualSwitch, Vm } from '#vorch/vim-drivers';
import { resourceKey, type InventoryResource } from '#vorch/inventory-domain';

/** Driver objects (already dialect-free) to the inventory's resource shape; attributes are what drift compares. */
export function hostResource(h: Host): InventoryResource {
  return {
    kind: 'host',
    externalId: h.externalId,
    name: h.name,
    attributes: {
      cpuCores: h.cpu.cores,
      cpuModel: h.cpu.model ?? null,
      memoryMb: h.memoryMb,
      gpus: h.gpus,
      hypervisorType: h.hypervisorType,
      hypervisorVersion: h.hypervisorVersion,
      cpuFeatures: [...h.cpuFeatures].sort(),
      failureDomain: h.failureDomain,
      state: h.state,
    },
  };
}

export function storageResource(s: StoragePool): InventoryResource {
  return {
    kind: 'storage',
    externalId: s.externalId,
    name: s.name,
    attributes: {
      type: s.type,
      capacityGb: s.capacityGb,
      freeGb: s.freeGb,
      replication: [...s.replication].sort(),
      reachableFrom: [...s.reachableFrom].sort(),
    },
  };
}

export function networkResource(n: Network): InventoryResource {
  return {
    kind: 'network',
    externalId: n.externalId,
    name: n.name,
    attributes: { cidrs: n.cidrs, segmentation: n.segmentation ?? null, mtu: n.mtu ?? null, gateway: n.gateway ?? null },
  };
}

export function virtualSwitchResource(v: VirtualSwitch): InventoryResource {
  return { kind: 'virtual-switch', externalId: v.externalId, name: v.name, attributes: { hostId: v.hostId, type: v.type } };
}

export function securityModuleResource(m: SecurityModule): InventoryResource {
  return {
    kind: 'security-module',
    externalId: m.externalId,
    name: `${m.type}@${m.hostId}`,
    attributes: { hostId: m.hostId, type: m.type, firmwareVersion: m.firmwareVersion ?? null, ready: m.ready },
  };
}

/**
 * A VM with what address distribution needs: its host and its ports' MAC and IPs (ports in the VM's order).
 * Kept small on purpose: CPU, memory and image are the VIM's business until Vorch places VMs itself.
 */
export function vmResource(vm: Vm, ports: readonly Port[]): InventoryResource {
  return {
    kind: 'vm',
    externalId: vm.externalId,
    name: vm.name,
    attributes: {
      hostId: vm.hostId ?? null,
      state: vm.state,
      ports: ports.map((p) => ({ id: p.externalId, networkId: p.networkId, mac: p.mac, ips: [...p.ips].sort() })),
    },
  };
}

/** Read-model rows of what Vorch knows, by resource key: what a walk or a read-back is diffed against. */
export function knownByKey(rows: ReadonlyArray<{ kind: string; external_id: string; name: string; attributes: Record<string, unknown> }>): Map<string, InventoryResource> {
  const known = new Map<string, InventoryResource>();
  for (const r of rows) {
    const res: InventoryResource = { kind: r.kind as InventoryResource['kind'], externalId: r.external_id, name: r.name, attributes: r.attributes };
    known.set(resourceKey(res), res);
  }
  return known;
}
