import type { NovaFlavor } from './openstack-wire.js';

/**
 * Nova sizes servers only by flavor: the smallest one that holds the request (fewest vCPUs, then least memory),
 * or undefined when none does.
 */
export function smallestFlavorFor(flavors: readonly NovaFlavor[], cpu: number, memoryMb: number): NovaFlavor | undefined {
  return flavors.filter((f) => f.vcpus >= cpu && f.ram >= memoryMb).sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram)[0];
}
