import type { CallOptions, Port, Vm, VimDriver } from '#vorch/vim-drivers';
import type { InventoryResource } from '#vorch/inventory-domain';
import { orGone } from './or-gone.js';
import { vmResource } from './resource-mapping.js';

/** Port lookups in flight at once: enough to hide the VIM's latency, few enough not to flood it. */
const PORT_LOOKUPS = 16;

/** Every VM of a site with its ports. */
export async function walkVms(driver: VimDriver, opts: CallOptions = {}): Promise<InventoryResource[]> {
  return withPorts(driver, await driver.listVms(opts), opts);
}

/**
 * The VMs as inventory resources, each with its ports. The VIM gives VMs with their port ids only, so each port is
 * asked for; a port deleted between the two calls is simply left out (the next read sees the VM as it then is).
 */
export async function withPorts(driver: VimDriver, vms: readonly Vm[], opts: CallOptions = {}): Promise<InventoryResource[]> {
  const portIds = [...new Set(vms.flatMap((vm) => vm.portIds))];
  const ports = new Map<string, Port>();
  let next = 0;
  const worker = async () => {
    while (next < portIds.length) {
      const id = portIds[next++]!;
      const port = await orGone(driver.getPort(id, opts));
      if (port) ports.set(id, port);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PORT_LOOKUPS, portIds.length) }, worker));
  return vms.map((vm) => vmResource(vm, vm.portIds.flatMap((id) => ports.get(id) ?? [])));
}
