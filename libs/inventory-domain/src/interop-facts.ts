import type { InventoryResource } from './inventory-resource.js';

/** What the interoperability matrix needs to know of a discovered resource: which product, in which version. */
export interface InteropFacts {
  kind: 'hypervisor';
  vendor: string;
  product: string;
  version: string;
}

// Hypervisor types as cloud managers report them, to the vendor and product names matrices use.
const HYPERVISORS: Record<string, { vendor: string; product: string }> = {
  qemu: { vendor: 'QEMU', product: 'qemu-kvm' },
  kvm: { vendor: 'Linux', product: 'kvm' },
  esxi: { vendor: 'VMware', product: 'esxi' },
  vmware: { vendor: 'VMware', product: 'esxi' },
  'hyper-v': { vendor: 'Microsoft', product: 'hyper-v' },
  xen: { vendor: 'Xen Project', product: 'xen' },
};

/** The product facts of a resource, or null for resources the matrix has no product for (networks, switches, …). */
export function interopFactsOf(r: InventoryResource): InteropFacts | null {
  if (r.kind !== 'host') return null;
  const type = String(r.attributes.hypervisorType ?? '').trim();
  const version = String(r.attributes.hypervisorVersion ?? '').trim();
  if (!type || !version) return null;
  const known = HYPERVISORS[type.toLowerCase()];
  return { kind: 'hypervisor', vendor: known?.vendor ?? type, product: known?.product ?? type.toLowerCase(), version };
}
