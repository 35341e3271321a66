import type { Port } from '../inventory.js';
import type { CreateVmRequest } from '../vim-driver.js';
import { dnsLabel } from './kube-quantity.js';
import { PORTS_ANNOTATION } from './kubevirt-mapping.js';
import type { ObjectMeta } from './kubevirt-wire.js';

/**
 * The KubeVirt VirtualMachine for a generic create: one bridge interface per port, on the port's Multus network,
 * and the ports named in the `vorch.io/ports` annotation so the VIM binds them instead of allocating new addresses.
 */
export function vmManifest(req: CreateVmRequest, ports: Port[], namespace: string): { metadata: ObjectMeta; [field: string]: unknown } {
  const iface = (i: number) => `net${i}`;
  const spec: Record<string, unknown> = {
    domain: {
      cpu: { cores: req.cpu },
      memory: { guest: `${req.memoryMb}Mi` },
      devices: { interfaces: ports.map((_, i) => ({ name: iface(i), bridge: {} })) },
    },
    networks: ports.map((p, i) => ({ name: iface(i), multus: { networkName: p.networkId } })),
  };
  if (req.hostId) spec.nodeSelector = { 'kubernetes.io/hostname': req.hostId };
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: dnsLabel(req.name),
      namespace,
      annotations: { [PORTS_ANNOTATION]: JSON.stringify(Object.fromEntries(ports.map((p, i) => [iface(i), p.externalId]))) },
    },
    spec: { running: true, template: { spec } },
  };
}
